/**
 * Messages between the function runner (parent) and function-host.mjs (the container process), over Node's IPC
 * channel. function-host.mjs is plain JavaScript and mirrors these shapes; keep the two in step.
 */

/** Parent → host: run the handler once. */
export interface InvokeMessage {
  type: 'invoke';
  requestId: string;
  event: unknown;
  /** Epoch ms at which the runner kills the container; the handler sees it through getRemainingTimeInMillis(). */
  deadlineMs: number;
  invokedFunctionArn: string;
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
