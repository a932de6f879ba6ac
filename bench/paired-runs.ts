/**
 * Two ways of doing the same work (GraphQL and the direct floor), measured in alternating rounds — A B B A A B B A —
 * so that neither side always gets the colder JIT (Node's and DynamoDB Local's JVM) or the busier moment of a shared
 * machine. Measured back to back, the side run first lost up to half its throughput to warm-up alone.
 */
import { keepErrorMessage, sampleClosedLoop, type RunSamples, type SendRequest } from './closed-loop.ts';
import { summarize, type RunSummary } from './latency-stats.ts';

export interface PairedRunOptions {
  concurrency: number;
  /** Measured requests per side, split evenly over the rounds. */
  total: number;
  /** Unmeasured requests per side before the first round. */
  warmup: number;
  /** Rounds per side (default 4). */
  rounds?: number;
  /**
   * Called after every run, outside the measurement, with the number of requests it sent — e.g. to let the email
   * Lambda catch up, so one run's backlog does not load the next.
   */
  settle?: (sent: number) => Promise<void>;
  /** Counted in each run's CPU (ClosedLoopOptions.serverCpuMs). */
  serverCpuMs?: () => number;
}

/**
 * Each side's `send` must accept indices 0 .. total + warmup - 1: rounds measure consecutive slices of 0 .. total - 1,
 * the warm-up uses the indices after them.
 */
export async function runPaired(a: SendRequest, b: SendRequest, options: PairedRunOptions): Promise<{ a: RunSummary; b: RunSummary }> {
  const rounds = Math.max(1, Math.min(options.rounds ?? 4, options.total));
  const { concurrency, total, warmup, serverCpuMs } = options;
  const settle = options.settle ?? (async () => {});
  if (warmup > 0) {
    for (const send of [a, b]) {
      await sampleClosedLoop(send, { concurrency, total: warmup, firstIndex: total });
      await settle(warmup);
    }
  }
  const samples: { a: RunSamples[]; b: RunSamples[] } = { a: [], b: [] };
  let first = 0;
  for (let round = 0; round < rounds; round += 1) {
    const count = Math.floor(total / rounds) + (round < total % rounds ? 1 : 0);
    // A B, then B A: an ABBA order cancels a steady drift of the machine's speed.
    const order = round % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
    for (const side of order) {
      samples[side].push(await sampleClosedLoop(side === 'a' ? a : b, { concurrency, total: count, firstIndex: first, serverCpuMs }));
      await settle(count);
    }
    first += count;
  }
  return { a: pool(samples.a), b: pool(samples.b) };
}

/** One summary over several runs of the same work: latencies pooled, throughput over their summed wall time. */
export function pool(runs: readonly RunSamples[]): RunSummary {
  return summarize(
    runs.flatMap((run) => run.latencies),
    runs.reduce((sum, run) => sum + run.errors, 0),
    runs.reduce((sum, run) => sum + run.durationMs, 0),
    runs.reduce((sum, run) => sum + run.cpuMs, 0),
    runs.reduce<string[]>((kept, run) => {
      for (const message of run.errorMessages) keepErrorMessage(kept, message);
      return kept;
    }, []),
  );
}
