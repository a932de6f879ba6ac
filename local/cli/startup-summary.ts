/** `dynamodb 1.0 s ∥ synth 3.1 s; read 0.1 s, …`: the parallel part, then the phases in order (see LocalStack.startup). */
export function describeStartup(startup: Record<string, number>): string {
  const seconds = (name: string) => `${name} ${((startup[name] ?? 0) / 1000).toFixed(1)} s`;
  const parallel = ['dynamodb', 'ses', 'sms', 'synth'].filter((name) => name in startup);
  const phases = Object.keys(startup).filter((name) => !parallel.includes(name));
  return `${parallel.map(seconds).join(' ∥ ')}; then ${phases.map(seconds).join(', ')}`;
}
