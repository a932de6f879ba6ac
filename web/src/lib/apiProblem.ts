import type { Message } from '../i18n/messages.ts';
import { describeWait } from './countdown.ts';

/** A failed API call, reduced to what the page shows and what a browser test can check. */
export interface ApiProblem {
  /** AppSync's `errorType` (e.g. `BadRequest`), `NetworkError` when the API was not reached, or null when unknown. */
  errorType: string | null;
  /** A sentence for the person using the page, translated when shown. */
  message: Message;
  /** For `RateLimitExceeded` and `MailboxLocked`: when (epoch ms) another code may be requested. */
  retryAtMs?: number;
}

/** One entry of a GraphQL response's `errors`: AppSync adds `errorType` beside the standard fields. */
export interface GraphQlErrorLike {
  message?: string;
  errorType?: unknown;
  /** `util.error`'s fourth argument; for `RateLimitExceeded`: `{ retryAfter: ISO date, retryAfterSeconds }`. */
  errorInfo?: unknown;
}

/** The parts of Apollo's `ApolloError` this module reads (a structural type, so it is testable without Apollo). */
export interface ApiErrorLike {
  graphQLErrors?: ReadonlyArray<GraphQlErrorLike>;
  networkError?: (Error & { statusCode?: number; result?: unknown }) | null;
}

/** The outcome of a mutation as the composables return it. */
export type MutationOutcome<T> = { ok: true; data: T } | { ok: false; problem: ApiProblem };

const NOT_AUTHORIZED: Message = { key: 'problem.notAuthorized' };
const TRY_AGAIN: Message = { key: 'problem.unexpected' };

/**
 * Turns an Apollo error into a message for the page (a key and its values, see i18n/messages.ts), branching on
 * AppSync's `errorType`. Server messages are shown only for `BadRequest`, whose messages are written for people (in
 * English: other languages frame them); other types (e.g. a DynamoDB error) get a generic sentence, so internals never
 * reach the page.
 *
 * @param nowMs the current time, to turn a rate limit's wait into a moment to retry
 * @example describeApiError(apolloError)
 * // { errorType: 'BadRequest', message: { key: 'problem.badRequest', params: { detail: 'The code must be 4 to 10 digits.' } } }
 */
export function describeApiError(error: ApiErrorLike, nowMs: number = Date.now()): ApiProblem {
  const networkError = error.networkError;
  if (networkError) return describeNetworkError(networkError);
  const first = error.graphQLErrors?.[0];
  if (first?.errorType === 'RateLimitExceeded' || first?.errorType === 'MailboxLocked') {
    return describeRefusedSend(first.errorType, first.errorInfo, nowMs);
  }
  if (first) return describeGraphQlError(first);
  return { errorType: null, message: TRY_AGAIN };
}

function describeGraphQlError(error: GraphQlErrorLike): ApiProblem {
  const errorType = typeof error.errorType === 'string' && error.errorType ? error.errorType : null;
  const serverMessage = error.message?.trim() ?? '';
  if (errorType === 'BadRequest') {
    const message: Message = serverMessage
      ? { key: 'problem.badRequest', params: { detail: serverMessage } }
      : { key: 'problem.invalidRequest' };
    return { errorType, message };
  }
  // generateSmsOtp: a well-formed number the service does not text (another country, a landline); its English
  // sentence is replaced by one that says what to do instead.
  if (errorType === 'UnsupportedDestination') return { errorType, message: { key: 'problem.unsupportedDestination' } };
  if (errorType === 'Unauthorized' || errorType === 'UnauthorizedException') {
    return { errorType, message: NOT_AUTHORIZED };
  }
  // A variable that does not parse (e.g. an AWSEmail) comes back without errorType, worded
  // "Variable 'email' has an invalid value. …" (as the local engine, following AppSync, answers).
  const invalidVariable = /^Variable '(\w+)' has an invalid value/.exec(serverMessage)?.[1];
  if (invalidVariable === 'email') return { errorType, message: { key: 'problem.invalidEmail' } };
  // AWSPhone refuses letters and other characters a number never has, before any resolver runs.
  if (invalidVariable === 'phoneNumber') return { errorType, message: { key: 'problem.invalidPhone' } };
  // Query validation errors ("Validation error of type …"); their errorType string is not documented, so both the
  // type and the wording are matched.
  if (invalidVariable || (errorType ?? '').includes('Validation') || serverMessage.startsWith('Validation error')) {
    return { errorType, message: { key: 'problem.invalidInput' } };
  }
  // Rate limits: the names are not fixed by this API yet, so any throttling-like type is treated alike.
  if (errorType && /TooMany|RateLimit|Throttl|LimitExceeded/i.test(errorType)) {
    return { errorType, message: { key: 'problem.throttled' } };
  }
  return { errorType, message: errorType ? { key: 'problem.unexpectedWithType', params: { errorType } } : TRY_AGAIN };
}

/**
 * A refused `generateOtp`: its send limits (the address's cooldown and window, or the service's budgets) or the
 * address's lock after too many wrong codes. Both say when to try again.
 */
function describeRefusedSend(errorType: 'RateLimitExceeded' | 'MailboxLocked', errorInfo: unknown, nowMs: number): ApiProblem {
  const retryAtMs = retryMoment(errorInfo, nowMs);
  const wait: Message = retryAtMs === undefined ? { key: 'duration.unknown' } : describeWait((retryAtMs - nowMs) / 1000);
  const key = errorType === 'MailboxLocked' ? 'problem.mailboxLocked' : 'problem.rateLimited';
  return { errorType, message: { key, params: { wait } }, retryAtMs };
}

/**
 * When to retry, preferring `retryAfterSeconds` (immune to clock differences between the browser and the service)
 * over the absolute `retryAfter`.
 */
function retryMoment(errorInfo: unknown, nowMs: number): number | undefined {
  if (typeof errorInfo !== 'object' || errorInfo === null) return undefined;
  if ('retryAfterSeconds' in errorInfo && typeof errorInfo.retryAfterSeconds === 'number') {
    return nowMs + Math.max(0, errorInfo.retryAfterSeconds) * 1000;
  }
  if ('retryAfter' in errorInfo && typeof errorInfo.retryAfter === 'string') {
    const at = Date.parse(errorInfo.retryAfter);
    if (Number.isFinite(at)) return Math.max(at, nowMs);
  }
  return undefined;
}

function describeNetworkError(error: NonNullable<ApiErrorLike['networkError']>): ApiProblem {
  const statusCode = error.statusCode;
  // AppSync refuses a missing or wrong API key for the whole request: HTTP 401 with errorType UnauthorizedException.
  const bodyErrorType = errorTypeOfBody(error.result);
  if (statusCode === 401 || statusCode === 403 || bodyErrorType === 'UnauthorizedException') {
    return { errorType: bodyErrorType ?? 'UnauthorizedException', message: NOT_AUTHORIZED };
  }
  if (statusCode !== undefined) {
    return {
      errorType: bodyErrorType ?? `HTTP ${statusCode}`,
      // A string, not a number: a status code is not formatted like a quantity ("HTTP 502", never "HTTP 502.0").
      message: { key: 'problem.httpError', params: { status: String(statusCode) } },
    };
  }
  return { errorType: 'NetworkError', message: { key: 'problem.networkError' } };
}

function errorTypeOfBody(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('errors' in body) || !Array.isArray(body.errors)) return null;
  const first: unknown = body.errors[0];
  if (typeof first !== 'object' || first === null || !('errorType' in first)) return null;
  return typeof first.errorType === 'string' ? first.errorType : null;
}
