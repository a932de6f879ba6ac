/**
 * The contract between the APPSYNC_JS runtime (local/appsync/runtime/) and whoever runs resolvers with it
 * (the GraphQL executor, the EvaluateCode endpoint). Shapes follow AppSync's resolver context reference.
 */

export type Identity = Record<string, unknown> | null;

/** What a resolver or function handler sees as `ctx`. */
export interface ResolverContext {
  arguments: Record<string, unknown>;
  args: Record<string, unknown>;
  identity: Identity;
  source: Record<string, unknown> | null;
  /** Only in response handlers. */
  result?: unknown;
  /** Set when the data source failed (or a handler called util.appendError? no: only data-source errors). */
  error?: { message: string; type: string } | null;
  /** Pipelines: the previous step's result. */
  prev?: { result: unknown };
  /** Shared by every handler of one field resolution; handlers mutate its properties. */
  stash: Record<string, unknown>;
  request: { headers: Record<string, string>; domainName: string | null };
  info: {
    fieldName: string;
    parentTypeName: string;
    variables: Record<string, unknown>;
    selectionSetList: string[];
    selectionSetGraphQL: string;
  };
  /** AppSync environment variables. */
  env: Record<string, string>;
}

/** An error recorded with util.error (fatal for the field) or util.appendError (not fatal). */
export interface ResolverError {
  message: string;
  errorType: string | null;
  data: unknown;
  errorInfo: unknown;
}

/** What evaluating one handler produced. */
export interface EvaluationResult {
  /** The handler's return value (request: the data-source request; response: the field value). */
  result: unknown;
  /** Present when util.error was called or the code threw: the field resolves to null with this error. */
  error?: ResolverError;
  /** Errors added with util.appendError, in order. */
  appendedErrors: ResolverError[];
  /** Set when runtime.earlyReturn(value, options) was called; skipTo only when the call gave one. */
  earlyReturn?: { value: unknown; skipTo?: 'END' | 'NEXT' };
  /** Subscription filters set through `extensions` (later used by the real-time server). */
  subscriptionFilter?: unknown;
  subscriptionInvalidationFilter?: unknown;
  invalidations: unknown[];
  /**
   * Headers added with util.http.addResponseHeader(s), by name; present only when some were added. Recorded, not
   * sent: the local engine's HTTP responses do not carry them.
   */
  responseHeaders?: Record<string, string>;
  /** console.log / console.error lines, as AppSync's EvaluateCode returns them in `logs`. */
  logs: string[];
  /** The stash after the handler ran. */
  stash: Record<string, unknown>;
}

/** A loaded APPSYNC_JS module, compiled once and evaluated many times. */
export interface LoadedModule {
  /** Where the code came from, used in error messages. */
  source: string;
  hasHandler(name: 'request' | 'response'): boolean;
  evaluate(handler: 'request' | 'response', ctx: ResolverContext): EvaluationResult;
}
