/** Request-level (non-GraphQL) answers in AppSync's body shape `{ errors: [{ errorType, message }] }`. */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { applyCorsHeaders } from './cors.ts';

/**
 * Writes a JSON response with AppSync's request id header. `extraHeaders` are those resolvers added with
 * util.http.addResponseHeader(s), already checked there (no restricted names, valid characters).
 */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  errorType?: string,
  extraHeaders: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(extraHeaders)) response.setHeader(name, value);
  applyCorsHeaders(response);
  response.setHeader('content-type', 'application/json; charset=UTF-8');
  response.setHeader('x-amzn-requestid', randomUUID());
  if (errorType) response.setHeader('x-amzn-errortype', errorType);
  // A known length, as AppSync sends: without it Node falls back to chunked encoding, several socket writes a response.
  const text = JSON.stringify(body);
  response.setHeader('content-length', Buffer.byteLength(text));
  response.writeHead(status).end(text);
}

/** The body of a request-level error. */
export function requestErrorBody(errorType: string, message: string): { errors: { errorType: string; message: string }[] } {
  return { errors: [{ errorType, message }] };
}

/** A request-level error (401, 400, 403, 404, 500). */
export function sendRequestError(response: ServerResponse, status: number, errorType: string, message: string): void {
  sendJson(response, status, requestErrorBody(errorType, message), errorType);
}
