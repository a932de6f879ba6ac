/**
 * An incoming HTTP request in the form SigV4 verification reads it (appsync/auth/sigv4.ts): the engine and every local
 * AWS service (KMS, SNS, Cognito) verify signatures on it.
 */
import type { IncomingMessage } from 'node:http';
import type { SignedRequest } from '../auth/sigv4.ts';

/** The request's headers, names lower-cased, repeated values joined as Node joins them. */
export function headerMap(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

export function toSignedRequest(request: IncomingMessage, headers: Record<string, string>, body: string): SignedRequest {
  const url = new URL(request.url ?? '/', 'http://local');
  return { method: request.method ?? 'POST', path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body };
}

/**
 * The input object of an AWS JSON-protocol request (KMS, Cognito); an empty body is `{}`. `serializationError` makes
 * the service's own SerializationException for a body that is not a JSON object.
 */
export function parseJsonProtocolInput(body: string, serializationError: (message: string) => Error): Record<string, unknown> {
  if (body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw serializationError('Start of structure or map found where not expected.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw serializationError('The request body is not a JSON object.');
  return parsed as Record<string, unknown>;
}
