/**
 * A Function URL's CORS, as Lambda applies its `Cors` configuration: preflights (OPTIONS with an Origin and
 * Access-Control-Request-Method) are answered by Lambda without invoking the function, and every other response to
 * an allowed Origin gets the Access-Control-* headers, replacing any the function set. Without `Cors`, nothing is
 * added and OPTIONS reaches the function like any method.
 */
import type { FunctionUrlCorsConfig } from '../stack-description.ts';
import type { UrlResponse } from './url-response.ts';

/** The Access-Control-Allow-Origin value for `origin`, or undefined when it is not allowed. */
function allowedOrigin(cors: FunctionUrlCorsConfig, origin: string | undefined): string | undefined {
  if (!origin) return undefined;
  if (cors.allowOrigins.includes('*')) return cors.allowCredentials ? origin : '*';
  return cors.allowOrigins.some((allowed) => allowed.toLowerCase() === origin.toLowerCase()) ? origin : undefined;
}

/** Whether `method`/`headers` is a CORS preflight Lambda answers itself. */
export function isPreflight(method: string, headers: Record<string, string | string[] | undefined>): boolean {
  return method === 'OPTIONS' && headers.origin !== undefined && headers['access-control-request-method'] !== undefined;
}

/** Lambda's answer to a preflight: 200, with the CORS headers when the origin is allowed. */
export function preflightResponse(cors: FunctionUrlCorsConfig, origin: string | undefined): UrlResponse {
  const allowOrigin = allowedOrigin(cors, origin);
  const headers: Record<string, string> = {};
  if (allowOrigin) {
    headers['access-control-allow-origin'] = allowOrigin;
    if (cors.allowMethods.length > 0) headers['access-control-allow-methods'] = cors.allowMethods.join(',');
    if (cors.allowHeaders.length > 0) headers['access-control-allow-headers'] = cors.allowHeaders.join(',');
    if (cors.allowCredentials) headers['access-control-allow-credentials'] = 'true';
    if (cors.maxAgeSeconds !== undefined) headers['access-control-max-age'] = String(cors.maxAgeSeconds);
    headers.vary = 'Origin';
  }
  return { statusCode: 200, headers, body: Buffer.alloc(0) };
}

/** `response` with the CORS headers for `origin` (the function's own Access-Control-* headers removed). */
export function withCorsHeaders(cors: FunctionUrlCorsConfig, origin: string | undefined, response: UrlResponse): UrlResponse {
  const headers = Object.fromEntries(Object.entries(response.headers).filter(([name]) => !name.startsWith('access-control-')));
  const allowOrigin = allowedOrigin(cors, origin);
  if (allowOrigin) {
    headers['access-control-allow-origin'] = allowOrigin;
    if (cors.exposeHeaders.length > 0) headers['access-control-expose-headers'] = cors.exposeHeaders.join(',');
    if (cors.allowCredentials) headers['access-control-allow-credentials'] = 'true';
    headers.vary = 'Origin';
  }
  return { ...response, headers };
}
