/**
 * A function's result as the Function URL's HTTP response, as Lambda maps it: a result with a `statusCode` gives the
 * status, `headers`, `cookies` (as Set-Cookie) and `body` (decoded when `isBase64Encoded`); any other result is the
 * body of a 200 with content type application/json — a string as it is, anything else as JSON.
 */

/** An HTTP response to write. */
export interface UrlResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** What Lambda answers when the function fails (an error, a timeout, a result it cannot map). */
export const FUNCTION_ERROR_RESPONSE: UrlResponse = {
  statusCode: 502,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from('Internal Server Error'),
};

function isHttpResult(result: unknown): result is { statusCode: unknown; headers?: unknown; cookies?: unknown; body?: unknown; isBase64Encoded?: unknown } {
  return typeof result === 'object' && result !== null && !Array.isArray(result) && 'statusCode' in result;
}

/** The response for the function's `result`. */
export function functionUrlResponse(result: unknown): UrlResponse {
  if (!isHttpResult(result)) {
    const body = result === undefined ? '' : typeof result === 'string' ? result : JSON.stringify(result);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body) };
  }
  const statusCode = Number(result.statusCode);
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) return FUNCTION_ERROR_RESPONSE;
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries((result.headers ?? {}) as Record<string, unknown>)) {
    if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
  }
  if (Array.isArray(result.cookies) && result.cookies.length > 0) headers['set-cookie'] = result.cookies.map(String);
  const text = result.body === undefined || result.body === null ? '' : String(result.body);
  return { statusCode, headers, body: Buffer.from(text, result.isBase64Encoded === true ? 'base64' : 'utf8') };
}
