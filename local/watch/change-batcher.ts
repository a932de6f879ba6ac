/**
 * Collects file changes into batches: a batch runs once no change arrived for `debounceMs`, and batches never overlap
 * (changes during a run wait for it and form the next batch), so an editor's burst of writes costs one reload.
 */

/** Options of {@link createChangeBatcher}. */
export interface ChangeBatcherOptions {
  /** Quiet time before a batch runs. */
  debounceMs: number;
  /** Runs one batch (paths in arrival order, without duplicates). Errors are the callback's to report. */
  run(paths: string[]): Promise<void>;
}

/** A running batcher. */
export interface ChangeBatcher {
  add(path: string): void;
  /** Resolves when nothing is pending or running (for tests and shutdown). */
  idle(): Promise<void>;
  /** Drops pending changes; a batch already running finishes. */
  cancel(): void;
}

/** Creates a {@link ChangeBatcher}. */
export function createChangeBatcher(options: ChangeBatcherOptions): ChangeBatcher {
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let cancelled = false;

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), options.debounceMs);
  };

  async function flush(): Promise<void> {
    timer = undefined;
    if (running) return; // the run's end schedules what arrived meanwhile
    if (pending.size === 0 || cancelled) return;
    const batch = [...pending];
    pending = new Set();
    running = options.run(batch).catch(() => {});
    await running;
    running = undefined;
    if (pending.size > 0 && !cancelled) schedule();
  }

  return {
    add(path) {
      if (cancelled) return;
      pending.add(path);
      schedule();
    },
    async idle() {
      while (timer !== undefined || running !== undefined) {
        await (running ?? new Promise((resolve) => setTimeout(resolve, options.debounceMs)));
      }
    },
    cancel() {
      cancelled = true;
      clearTimeout(timer);
      timer = undefined;
      pending = new Set();
    },
  };
}
