/**
 * A recorder of how long each piece of work takes: `timed(name, work)` writes into `durations[name]` the ms from the
 * call until `work` settles (fulfilled or rejected), and returns a promise that settles as `work` does. A start's and a
 * prepare's breakdowns (stack.ts, prepare-stack.ts) are made with it.
 */
export function durationRecorder(durations: Record<string, number>): <T>(name: string, work: Promise<T>) => Promise<T> {
  return (name, work) => {
    const started = performance.now();
    return work.finally(() => (durations[name] = Math.round(performance.now() - started)));
  };
}
