/**
 * Messages between the function runner (parent) and the container process: function-host.mjs over Node's IPC
 * channel, python-host.py as JSON lines over two extra pipes (python-host.ts). Both hosts are plain scripts that
 * mirror these shapes; keep the three in step.
 */
import type { ChildProcess } from 'node:child_process';

/** Parent → host: run the handler once. */
export interface InvokeMessage {
  type: 'invoke';
  requestId: string;
  event: unknown;
  /** Epoch ms at which the runner kills the container; the handler sees it through getRemainingTimeInMillis(). */
  deadlineMs: number;
  invokedFunctionArn: string;
  /**
   * The stack's clock minus the machine's, at dispatch: the Node.js host shows the function that time (`Date`),
   * python-host.py ignores it (Python functions keep the machine's time). Absent when the stack has no clock.
   */
  clockOffsetMs?: number;
}

/** Host → parent messages. */
export type HostMessage =
  | { type: 'ready'; initDurationMs: number }
  | { type: 'init-error'; errorType: string; errorMessage: string }
  | { type: 'result'; requestId: string; result: unknown }
  | { type: 'error'; requestId: string; errorType: string; errorMessage: string };

/** Narrows an IPC message to a HostMessage. */
export function isHostMessage(message: unknown): message is HostMessage {
  if (typeof message !== 'object' || message === null) return false;
  const type = (message as { type?: unknown }).type;
  return type === 'ready' || type === 'init-error' || type === 'result' || type === 'error';
}

/** An error as Lambda reports it in an invocation response. */
export interface LambdaError {
  errorType: string;
  errorMessage: string;
}

/** What an invocation returns: the handler's result, or the error Lambda would report. */
export type InvokeOutcome = { result: unknown } | { error: LambdaError };

/** A started container process, whatever its runtime, as the runner drives it. */
export interface HostProcess {
  /** The process: its stdout/stderr carry the function's log lines; killing it is how timeouts end it. */
  readonly child: ChildProcess;
  /** Sends one invocation to the host. */
  send(message: InvokeMessage): void;
  /** Subscribes to the host's messages; returns the function that unsubscribes. */
  onMessage(listener: (message: HostMessage) => void): () => void;
}

/** What a host launcher needs to start a container. */
export interface HostLaunchOptions {
  codeDir: string;
  handler: string;
  /** The function's whole environment (lambda-environment.ts); nothing of the parent's leaks in. */
  environment: Record<string, string>;
  /** Node.js only: a folder whose node_modules provides `@aws-sdk/*`. */
  sdkRoot: string;
  /** Node.js only: the stack's clock minus the machine's at launch, so init code sees that time too. Absent: no clock. */
  clockOffsetMs?: number;
}
