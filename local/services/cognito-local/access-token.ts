/**
 * Checks an access token presented to the pool's user operations (GetUser, GlobalSignOut) as Cognito does: one of
 * this local Cognito's pools issued it (signature under the pool's access-token key, `iss`), it is an access token,
 * it has not expired and its sign-in was not signed out. Cognito's messages.
 */
import { verify } from 'node:crypto';
import { CognitoError } from './errors.ts';
import type { LocalUserPool } from './local-pool.ts';
import type { StoredUser } from './users.ts';

const INVALID = () => new CognitoError('NotAuthorizedException', 'Invalid Access Token');

/** The pool and user an access token belongs to. @throws CognitoError NotAuthorizedException */
export function verifyAccessToken(token: string, pools: ReadonlyMap<string, LocalUserPool>, nowMs: number): { pool: LocalUserPool; user: StoredUser } {
  const [header, payload, signature, extra] = token.split('.');
  if (!header || !payload || !signature || extra !== undefined) throw INVALID();
  let claims: Record<string, unknown>;
  let kid: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const parsedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { kid?: unknown; alg?: unknown };
    if (parsedHeader.alg !== 'RS256') throw new Error('alg');
    kid = parsedHeader.kid;
  } catch {
    throw INVALID();
  }
  const pool = [...pools.values()].find((candidate) => candidate.issuer === claims.iss);
  if (!pool || kid !== pool.keys.access.kid) throw INVALID();
  const valid = verify('sha256', Buffer.from(`${header}.${payload}`), pool.keys.access.privateKey, Buffer.from(signature, 'base64url'));
  if (!valid || claims.token_use !== 'access' || typeof claims.username !== 'string' || typeof claims.origin_jti !== 'string') throw INVALID();
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs) throw new CognitoError('NotAuthorizedException', 'Access Token has expired');
  if (!pool.refreshTokens.isActive(claims.origin_jti, nowMs)) throw new CognitoError('NotAuthorizedException', 'Access Token has been revoked');
  const user = pool.users.get(claims.username);
  if (!user) throw new CognitoError('UserNotFoundException', 'User does not exist.');
  if (!user.enabled) throw new CognitoError('NotAuthorizedException', 'User is disabled.');
  return { pool, user };
}
