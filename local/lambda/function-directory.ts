/**
 * The local stack's running functions by name, for callers that reach a function the way AWS services do, by its
 * name or ARN: AppSync's AWS_LAMBDA data source. Runners add themselves when created and leave when stopped.
 *
 * Why a lookup at call time rather than runners handed to the engine: the engine and the function runners are
 * started and restarted separately (a hot reload swaps the API first, then restarts only changed functions), so a
 * data source holding a runner would keep calling a stopped one. Looking the function up per invocation always finds
 * the current runner. One local stack per process: two runners with the same function name (two stacks of the same
 * app in one process) share the name, the later one answering.
 */
import type { InvokeOutcome } from './host-protocol.ts';

/** What a caller can do with a running function. */
export interface LocalFunction {
  readonly name: string;
  readonly arn: string;
  /** Runs the handler once (queued per container); never rejects. */
  invoke(event: unknown): Promise<InvokeOutcome>;
}

const byName = new Map<string, LocalFunction>();

/** Lists `fn` under its name (replacing an earlier runner of that name); returns what removes it again. */
export function listLocalFunction(fn: LocalFunction): () => void {
  byName.set(fn.name, fn);
  return () => {
    if (byName.get(fn.name) === fn) byName.delete(fn.name);
  };
}

/** The running function named `name`, if the local stack runs one. */
export function findLocalFunction(name: string): LocalFunction | undefined {
  return byName.get(name);
}
