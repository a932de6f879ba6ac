/**
 * Handshake authorization of a real-time connection. The client sends its auth headers either as
 * `?header=<base64 JSON>&payload=e30=` (the documented form) or as the subprotocol `header-<base64url JSON>` next
 * to `graphql-ws` (what aws-appsync-subscription-link 3.x sends). API key: `{host, x-api-key}`; IAM: the headers
 * of a SigV4-signed POST to `https://<host>/graphql/connect` with body `{}`; OIDC, Cognito user pools and Lambda
 * authorizers: `{host, Authorization: <token>}` (the Lambda authorizer sees an empty queryString: the body is `{}`).
 */
import type { IncomingMessage } from 'node:http';
import { authenticate, NOT_AUTHORIZED_MESSAGE, type Authenticated, type AuthSettings, type Refused } from '../auth/authenticate.ts';

/** The subprotocol AppSync speaks. */
export const REALTIME_SUBPROTOCOL = 'graphql-ws';
const HEADER_PROTOCOL_PREFIX = 'header-';

function decodeHeaderObject(encoded: string): Record<string, string> | null {
  try {
    // Node's base64 decoder accepts both the standard and the URL-safe alphabet, padded or not.
    const parsed: unknown = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(parsed)) {
      if (typeof value === 'string') headers[name.toLowerCase()] = value;
    }
    return headers;
  } catch {
    return null;
  }
}

/** The lower-cased handshake headers of an upgrade request, or null when it carries none (or garbage). */
export function handshakeHeaders(request: IncomingMessage): Record<string, string> | null {
  const fromQuery = new URL(request.url ?? '/', 'http://local').searchParams.get('header');
  if (fromQuery) return decodeHeaderObject(fromQuery);
  const protocols = String(request.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((protocol) => protocol.trim());
  const headerProtocol = protocols.find((protocol) => protocol.startsWith(HEADER_PROTOCOL_PREFIX));
  return headerProtocol ? decodeHeaderObject(headerProtocol.slice(HEADER_PROTOCOL_PREFIX.length)) : null;
}

/** Authenticates the handshake as AppSync does: the headers must authorize a POST of `{}` to `/graphql/connect`. */
export async function authenticateHandshake(
  headers: Record<string, string> | null,
  sourceIp: string,
  settings: AuthSettings,
): Promise<Authenticated | Refused> {
  if (!headers) return { ok: false, message: NOT_AUTHORIZED_MESSAGE };
  return authenticate({ method: 'POST', path: '/graphql/connect', query: {}, headers, body: '{}' }, sourceIp, settings);
}
