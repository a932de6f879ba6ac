import type { ResolverContext, ResolverError } from './types.ts';

/**
 * What one `evaluate()` call accumulates while the handler runs. The runtime objects (`util`, `extensions`,
 * `console`) are built once per loaded module and write into whichever state is current, so an evaluation does not
 * pay for rebuilding them.
 */
export interface InvocationState {
  /** A copy of the ctx handed to evaluate (the caller's own object is never touched). */
  ctx: ResolverContext;
  appendedErrors: ResolverError[];
  logs: string[];
  subscriptionFilter?: unknown;
  subscriptionInvalidationFilter?: unknown;
  invalidations: unknown[];
  /** util.http.addResponseHeader(s) headers by name (latest definition wins). */
  responseHeaders: Record<string, string>;
  /** Bytes of every accepted response header definition, for the 4 KB limit. */
  responseHeaderBytes: number;
}

/** A mutable pointer to the current evaluation, shared by the runtime objects of one loaded module. */
export interface InvocationStateRef {
  current: InvocationState | null;
}

/** Returns the current evaluation or fails loudly when a runtime helper is called outside one. */
export function currentState(ref: InvocationStateRef): InvocationState {
  if (!ref.current) throw new Error('APPSYNC_JS runtime helper called outside an evaluation');
  return ref.current;
}
