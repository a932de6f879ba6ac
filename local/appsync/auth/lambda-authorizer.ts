/**
 * AWS_LAMBDA authorization: the API's authorizer function, found among the local stack's running functions by name
 * (the same directory AWS_LAMBDA data sources use), invoked with AppSync's request shape. Every failure denies: no
 * function, a thrown error, no answer within the time limit (AppSync: 10 s), a malformed response.
 */
import { randomUUID } from 'node:crypto';
import type { LambdaAuthorizerProviderConfig } from '../../stack-description.ts';
import { findLocalFunction, type LocalFunction } from '../../lambda/function-directory.ts';
import type { AuthorizerCache } from './authorizer-cache.ts';
import { parseAuthorizerResponse, type AuthorizerResponse } from './authorizer-response.ts';
import { wholeMatch } from './jwt-claims.ts';

/** AppSync's time limit for an authorizer. */
const AUTHORIZER_TIMEOUT_MS = 10_000;

/** The GraphQL request the authorizer is asked about. */
export interface AuthorizerRequestContext {
  apiId: string;
  accountId: string;
  queryString: string;
  operationName: string | null;
  variables: Record<string, unknown>;
}

/** The event AppSync sends the authorizer. */
export interface AuthorizerEvent {
  authorizationToken: string;
  requestContext: AuthorizerRequestContext & { requestId: string };
  requestHeaders: Record<string, string>;
}

/** What the authorizer path needs besides the request. */
export interface AuthorizerDeps {
  cache: AuthorizerCache;
  /** @default the local stack's running functions */
  lookup?: (name: string) => LocalFunction | undefined;
  /** @default AUTHORIZER_TIMEOUT_MS */
  timeoutMs?: number;
}

async function invokeWithin(fn: LocalFunction, event: AuthorizerEvent, timeoutMs: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    // invoke() is documented never to reject; a rejection still denies rather than failing the request.
    const invoked = fn.invoke(event).catch(() => ({ error: { errorType: 'Rejected', errorMessage: '' } }));
    const outcome = await Promise.race([invoked, timedOut]);
    if (outcome === 'timeout' || 'error' in outcome) return undefined;
    return outcome.result;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The authorizer's decision on `token` (from the cache when a fresh answer for this exact token exists), or null when
 * it could not decide (which denies, and is not cached).
 */
export async function runLambdaAuthorizer(
  config: LambdaAuthorizerProviderConfig,
  token: string,
  request: { context: AuthorizerRequestContext; headers: Record<string, string> },
  deps: AuthorizerDeps,
  nowMs: number = Date.now(),
): Promise<AuthorizerResponse | null> {
  if (config.identityValidationExpression && !wholeMatch(config.identityValidationExpression)(token)) return null;
  const cached = deps.cache.get(config.functionArn, token, nowMs);
  if (cached) return cached;
  const fn = (deps.lookup ?? findLocalFunction)(config.functionName);
  if (!fn) {
    console.error(`[appsync] Lambda authorizer ${config.functionName} is not running locally: request refused`);
    return null;
  }
  const event: AuthorizerEvent = {
    authorizationToken: token,
    requestContext: { ...request.context, requestId: randomUUID() },
    requestHeaders: request.headers,
  };
  const response = parseAuthorizerResponse(await invokeWithin(fn, event, deps.timeoutMs ?? AUTHORIZER_TIMEOUT_MS));
  if (!response) return null;
  deps.cache.set(config.functionArn, token, response, response.ttlOverride ?? config.resultTtlSeconds ?? 0, nowMs);
  return response;
}
