/** Pure statistics over latency samples: percentiles and a one-line summary of a closed-loop run. */

/** Latency figures of one run, in milliseconds, and its throughput. */
export interface RunSummary {
  requests: number;
  errors: number;
  /** Completed requests per second of wall time (errors included: they took a slot too). */
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  durationMs: number;
  /**
   * CPU time of this process per measured request (user + system, ms), when measured. Far less sensitive to other
   * processes than wall-clock figures, so it shows the engine's own overhead even on a busy machine.
   */
  cpuMsPerRequest?: number;
  /** What the first few errors were (bench/closed-loop.ts), when there were any. */
  errorMessages?: string[];
}

/**
 * The p-th percentile (0–100) by the nearest-rank method on a sorted copy; 0 for no samples.
 * Nearest-rank, not interpolation: every reported figure is a latency that was actually observed.
 *
 * @example percentile([5, 1, 3], 50) // 3
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** Summarizes the latencies (ms) of a run that took `durationMs` of wall time. */
export function summarize(latenciesMs: readonly number[], errors: number, durationMs: number, cpuMs?: number, errorMessages: readonly string[] = []): RunSummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const at = (p: number) => percentile(sorted, p);
  return {
    requests: latenciesMs.length,
    errors,
    throughput: durationMs > 0 ? (latenciesMs.length / durationMs) * 1000 : 0,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: sorted.at(-1) ?? 0,
    durationMs,
    ...(cpuMs !== undefined && latenciesMs.length > 0 ? { cpuMsPerRequest: cpuMs / latenciesMs.length } : {}),
    ...(errorMessages.length > 0 ? { errorMessages: [...errorMessages] } : {}),
  };
}
