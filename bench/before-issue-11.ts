/**
 * Throughput before issue 11 (mailbox failure budget, send budgets, codes map), copied by hand from BENCHMARKS.md as
 * `npm run bench` wrote it on 2026-11-25T16:39:09.676Z (mode full, 800+ requests per side and row, load 1.20 at
 * start; committed in 282ef7f, unchanged until the issue 11 work), so the report can show what the new DynamoDB
 * work costs. Then generateOtp was one 3-item TransactWriteItems; verifyOtp one 1-item TransactWriteItems for the
 * right code, and that (cancelled) plus an UpdateItem for a wrong one. Not measured again: these are the figures of
 * that run, on the same machine.
 */

/** One row of the old throughput table. */
export interface BaselineRow {
  operation: string;
  concurrency: number;
  graphqlPerSecond: number;
  graphqlP50Ms: number;
  graphqlCpuMs: number;
  directPerSecond: number;
  directCpuMs: number;
  /** GraphQL / direct, as printed (rounded to 2 decimals). */
  ratio: number;
}

/** Where the figures come from. */
export const BASELINE_SOURCE = 'BENCHMARKS.md of 2026-11-25T16:39:09.676Z (full run, committed in 282ef7f, load 1.20 at start)';

/** DynamoDB requests per call before issue 11, from that run's "DynamoDB requests per API call" table. */
export const BASELINE_REQUESTS: Readonly<Record<string, string>> = {
  generateOtp: '1 (TransactWriteItems of 3 items)',
  'verifyOtp (right code)': '1 (TransactWriteItems of 1 item)',
  'verifyOtp (wrong code)': '2 (cancelled TransactWriteItems, UpdateItem)',
};

export const BASELINE: readonly BaselineRow[] = [
  { operation: 'generateOtp', concurrency: 1, graphqlPerSecond: 93, graphqlP50Ms: 9.5, graphqlCpuMs: 4.8, directPerSecond: 103, directCpuMs: 3.8, ratio: 0.9 },
  { operation: 'generateOtp', concurrency: 8, graphqlPerSecond: 191, graphqlP50Ms: 38.4, graphqlCpuMs: 2.9, directPerSecond: 211, directCpuMs: 1.9, ratio: 0.91 },
  { operation: 'generateOtp', concurrency: 32, graphqlPerSecond: 195, graphqlP50Ms: 141.2, graphqlCpuMs: 2.9, directPerSecond: 199, directCpuMs: 2.0, ratio: 0.98 },
  { operation: 'verifyOtp (right code)', concurrency: 1, graphqlPerSecond: 151, graphqlP50Ms: 5.6, graphqlCpuMs: 3.9, directPerSecond: 188, directCpuMs: 2.7, ratio: 0.8 },
  { operation: 'verifyOtp (right code)', concurrency: 8, graphqlPerSecond: 275, graphqlP50Ms: 27.1, graphqlCpuMs: 2.9, directPerSecond: 347, directCpuMs: 1.7, ratio: 0.79 },
  { operation: 'verifyOtp (right code)', concurrency: 32, graphqlPerSecond: 413, graphqlP50Ms: 72.7, graphqlCpuMs: 2.0, directPerSecond: 371, directCpuMs: 1.6, ratio: 1.11 },
  { operation: 'verifyOtp (wrong code)', concurrency: 1, graphqlPerSecond: 132, graphqlP50Ms: 6.8, graphqlCpuMs: 4.3, directPerSecond: 173, directCpuMs: 2.5, ratio: 0.76 },
  { operation: 'verifyOtp (wrong code)', concurrency: 8, graphqlPerSecond: 318, graphqlP50Ms: 23.3, graphqlCpuMs: 2.8, directPerSecond: 365, directCpuMs: 1.8, ratio: 0.87 },
  { operation: 'verifyOtp (wrong code)', concurrency: 32, graphqlPerSecond: 322, graphqlP50Ms: 93.0, graphqlCpuMs: 2.8, directPerSecond: 377, directCpuMs: 1.9, ratio: 0.85 },
];
