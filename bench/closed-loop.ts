/**
 * A closed-loop load generator: `concurrency` clients, each sends its next request as soon as its previous one is
 * answered, until `total` requests were sent. Each request gets its own index, so callers build a different body
 * per request (a different session, a different code) — autocannon's fixed bodies cannot do that cheaply.
 */
import { summarize, type RunSummary } from './latency-stats.ts';

/**
 * One request of a run: resolves when answered; throws (or returns false) when the answer is not the expected one.
 * A thrown error's message is kept for the report (the first few distinct ones), so an error in a run says what it was.
 */
export type SendRequest = (index: number) => Promise<boolean>;

export interface ClosedLoopOptions {
  concurrency: number;
  /** Requests measured. */
  total: number;
  /** Requests sent first and not measured (JIT, connection set-up). Their indices follow the measured ones. */
  warmup?: number;
  /** Index of the first measured request (default 0), so several runs can share one prepared workload. */
  firstIndex?: number;
  /**
   * The CPU time so far (ms) of the server's process, counted in the run's CPU with this process's own: the server runs
   * apart from the load generator (test/support/service-process.ts).
   */
  serverCpuMs?: () => number;
}

/** What one measured run observed, before summarizing: runs of the same work can be pooled. */
export interface RunSamples {
  latencies: number[];
  errors: number;
  /** The first distinct messages of the errors (at most {@link ERROR_MESSAGES_KEPT}). */
  errorMessages: string[];
  durationMs: number;
  cpuMs: number;
}

/** Runs the load and summarizes the measured requests. Indices 0..total-1 are measured, then warm-up ones. */
export async function runClosedLoop(send: SendRequest, options: ClosedLoopOptions): Promise<RunSummary> {
  const samples = await sampleClosedLoop(send, options);
  return summarize(samples.latencies, samples.errors, samples.durationMs, samples.cpuMs, samples.errorMessages);
}

/** How many distinct error messages a run keeps. */
export const ERROR_MESSAGES_KEPT = 3;

/** Adds `message` to `messages` when it is new and there is room. */
export function keepErrorMessage(messages: string[], message: string | undefined): void {
  if (message !== undefined && messages.length < ERROR_MESSAGES_KEPT && !messages.includes(message)) messages.push(message);
}

/** As {@link runClosedLoop}, returning the raw samples. */
export async function sampleClosedLoop(send: SendRequest, options: ClosedLoopOptions): Promise<RunSamples> {
  const warmup = options.warmup ?? 0;
  const first = options.firstIndex ?? 0;
  if (warmup > 0) await drive(send, Math.min(options.concurrency, warmup), warmup, first + options.total, () => {});
  const latencies: number[] = [];
  const errorMessages: string[] = [];
  let errors = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const serverCpuBefore = options.serverCpuMs?.() ?? 0;
  await drive(send, options.concurrency, options.total, first, (ok, ms, message) => {
    latencies.push(ms);
    if (ok) return;
    errors += 1;
    keepErrorMessage(errorMessages, message ?? 'an unexpected answer');
  });
  const durationMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const serverCpuMs = (options.serverCpuMs?.() ?? 0) - serverCpuBefore;
  return { latencies, errors, errorMessages, durationMs, cpuMs: (cpu.user + cpu.system) / 1000 + serverCpuMs };
}

async function drive(
  send: SendRequest,
  concurrency: number,
  count: number,
  firstIndex: number,
  record: (ok: boolean, latencyMs: number, errorMessage?: string) => void,
): Promise<void> {
  let next = 0;
  const client = async () => {
    while (next < count) {
      const index = firstIndex + next;
      next += 1;
      const sent = performance.now();
      let errorMessage: string | undefined;
      const ok = await send(index).catch((error: unknown) => {
        errorMessage = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        return false;
      });
      record(ok, performance.now() - sent, errorMessage);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, client));
}
