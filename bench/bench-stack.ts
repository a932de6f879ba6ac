/**
 * The bench's stack (the product's app on the local stack, web off, the load tests' send budgets, DynamoDB Local tuned
 * for minutes of load) in a process of its own (./stack-process.ts, through test/support/service-process.ts), so the load
 * generator and the engine it measures never share a thread.
 */
import { join } from 'node:path';
import type { AppSyncServerStats, StackDescription } from 'appsync-local';
import type { OtpEndpoints } from '../test/support/otp-stack.ts';
import { startServiceProcess } from '../test/support/service-process.ts';

/** What the stack's process sends once it serves. */
export interface BenchStackReady {
  endpoints: OtpEndpoints;
  config: StackDescription;
  /** The stack's own start-up phases (LocalStack.startup). */
  startup: Record<string, number>;
}

/** What the bench asks it: the engine's DynamoDB request counters, or to reset them. */
export type BenchStackRequest = 'stats' | 'resetStats';

export interface BenchStack extends BenchStackReady {
  /** The process's id, for its CPU time. */
  pid: number;
  /** The engine's counters (AppSyncServer.stats), as of the answer. */
  stats(): Promise<AppSyncServerStats>;
  resetStats(): Promise<void>;
  stop(): Promise<void>;
}

export async function startBenchStack(stateDir: string): Promise<BenchStack> {
  const service = await startServiceProcess<BenchStackReady, BenchStackRequest, AppSyncServerStats | null>(
    join(import.meta.dirname, 'stack-process.ts'),
    [stateDir],
    "the bench's stack",
  );
  return {
    ...service.ready,
    pid: service.pid,
    stats: async () => (await service.ask('stats'))!,
    resetStats: async () => void (await service.ask('resetStats')),
    stop: service.stop,
  };
}
