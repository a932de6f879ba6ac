/**
 * `util.http` (https://docs.aws.amazon.com/appsync/latest/devguide/http-helpers-in-utils-http-js.html):
 * `copyHeaders` drops the documented restricted headers; `addResponseHeader(s)` applies the documented limits and
 * records the headers in the evaluation's `responseHeaders`, which the engine sends on the request's HTTP response.
 * A refused header is ignored and adds a `ResponseHeaderError` to the errors (message wording ours).
 */
import { validateHeaderName, validateHeaderValue } from 'node:http';
import { currentState, type InvocationStateRef } from '../invocation-state.ts';
import { resolverError } from './errors.ts';

/** Headers copyHeaders leaves out (and addResponseHeader refuses). */
const RESTRICTED = new Set([
  'transfer-encoding',
  'connection',
  'host',
  'expect',
  'keep-alive',
  'upgrade',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'content-length',
]);

/** Further names a response header may not have. */
const RESPONSE_RESTRICTED = new Set([
  ...RESTRICTED,
  'access-control-allow-credentials',
  'access-control-allow-origin',
  'access-control-expose-headers',
  'access-control-max-age',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'vary',
  'content-type',
]);

/** Custom response headers, names and values together, may not exceed 4 KB. */
const RESPONSE_HEADERS_LIMIT_BYTES = 4096;

/** The `util.http` helpers. */
export interface HttpUtils {
  copyHeaders(headers: unknown): Record<string, unknown>;
  addResponseHeader(name: unknown, value: unknown): void;
  addResponseHeaders(headers: unknown): void;
}

/** Header values are text on the wire: strings as they are, anything else as JSON (decision, unconfirmed). */
function headerText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Whether Node's HTTP layer accepts the header (a token name; a value without CR, LF or NUL). */
function isSendable(check: () => void): boolean {
  try {
    check();
    return true;
  } catch {
    return false;
  }
}

function refusal(name: unknown, value: unknown): string | null {
  if (typeof name !== 'string' || name.trim() === '') return 'the name is empty';
  const lower = name.toLowerCase();
  if (RESPONSE_RESTRICTED.has(lower)) return 'the name is restricted';
  if (lower.startsWith('x-amzn-') || lower.startsWith('x-amz-')) return 'the name has a restricted prefix';
  if (value === null || value === undefined) return 'the value is null';
  if (!isSendable(() => validateHeaderName(name))) return 'the name is not a valid HTTP header name';
  if (!isSendable(() => validateHeaderValue(name, headerText(value)))) return 'the value has characters an HTTP header cannot carry';
  return null;
}

/** Builds `util.http`, recording response headers into whichever evaluation is current. */
export function createHttpUtils(ref: InvocationStateRef): HttpUtils {
  const addResponseHeader = (name: unknown, value: unknown): void => {
    const state = currentState(ref);
    const reason = refusal(name, value);
    const ignore = (why: string): void => {
      state.appendedErrors.push(resolverError(`Response header ${JSON.stringify(String(name))} was ignored: ${why}.`, 'ResponseHeaderError'));
    };
    if (reason) return ignore(reason);
    const text = headerText(value);
    // Every definition counts toward the limit, including ones a later definition of the same name replaces.
    const bytes = Buffer.byteLength(String(name)) + Buffer.byteLength(text);
    if (state.responseHeaderBytes + bytes > RESPONSE_HEADERS_LIMIT_BYTES) return ignore('the response headers exceed 4 KB');
    state.responseHeaderBytes += bytes;
    state.responseHeaders[String(name)] = text;
  };
  return {
    copyHeaders(headers) {
      if (headers === null || typeof headers !== 'object') return {};
      return Object.fromEntries(Object.entries(headers).filter(([name]) => !RESTRICTED.has(name.toLowerCase())));
    },
    addResponseHeader,
    addResponseHeaders(headers) {
      if (headers === null || typeof headers !== 'object') return;
      for (const [name, value] of Object.entries(headers)) addResponseHeader(name, value);
    },
  };
}
