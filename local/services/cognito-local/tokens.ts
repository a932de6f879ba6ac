/**
 * ID and access tokens as Cognito issues them: RS256 JWTs under the pool's keys, `iss`
 * `https://cognito-idp.<region>.amazonaws.com/<poolId>`, and Cognito's claims. ID token: the user's attributes (the
 * `*_verified` ones as booleans), `sub`, `aud` (the client), `cognito:username`, `cognito:groups` (when any),
 * `token_use: id`, `auth_time`, `iat`, `exp`, `jti`, `origin_jti`, `event_id`. Access token: `sub`, `client_id`,
 * `username`, `scope: aws.cognito.signin.user.admin`, `token_use: access`, `cognito:groups`, the same times and ids.
 */
import { randomUUID } from 'node:crypto';
import type { UserPoolClientConfig } from '../../stack-description.ts';
import type { LocalUserPool } from './local-pool.ts';
import { signJwt } from './signing-keys.ts';
import type { StoredUser } from './users.ts';

/** What PreTokenGeneration (version 1) may change in the ID token. */
export interface ClaimsOverride {
  claimsToAddOrOverride?: Record<string, string>;
  claimsToSuppress?: string[];
  groupsToOverride?: string[];
}

/** Claims a trigger may neither add nor suppress (Cognito ignores such attempts). */
const RESERVED = new Set([
  'acr', 'amr', 'aud', 'at_hash', 'auth_time', 'azp', 'cognito:username', 'exp', 'iat', 'identities', 'iss', 'jti', 'nbf', 'nonce',
  'origin_jti', 'sub', 'token_use', 'event_id', 'cognito:groups',
]);

export interface IssuedTokens {
  IdToken: string;
  AccessToken: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
}

export interface TokenRequest {
  pool: LocalUserPool;
  client: UserPoolClientConfig;
  user: StoredUser;
  /** The sign-in these tokens belong to. */
  originJti: string;
  /** Epoch seconds of the sign-in. */
  authTime: number;
  nowMs: number;
  override?: ClaimsOverride;
}

export function issueTokens(request: TokenRequest): IssuedTokens {
  const { pool, client, user, override } = request;
  const iat = Math.floor(request.nowMs / 1000);
  const groups = override?.groupsToOverride ?? pool.groupsOf(user);
  const common = {
    sub: user.attributes.sub,
    ...(groups.length > 0 ? { 'cognito:groups': groups } : {}),
    iss: pool.issuer,
    origin_jti: request.originJti,
    event_id: randomUUID(),
    auth_time: request.authTime,
    iat,
  };
  const idClaims: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(user.attributes)) idClaims[name] = name.endsWith('_verified') ? value === 'true' : value;
  for (const name of override?.claimsToSuppress ?? []) if (!RESERVED.has(name)) delete idClaims[name];
  for (const [name, value] of Object.entries(override?.claimsToAddOrOverride ?? {})) if (!RESERVED.has(name)) idClaims[name] = value;
  const idToken = signJwt(pool.keys.id, {
    ...idClaims,
    ...common,
    aud: client.clientId,
    'cognito:username': user.username,
    token_use: 'id',
    exp: iat + client.idTokenValiditySeconds,
    jti: randomUUID(),
  });
  const accessToken = signJwt(pool.keys.access, {
    ...common,
    client_id: client.clientId,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    exp: iat + client.accessTokenValiditySeconds,
    jti: randomUUID(),
    username: user.username,
  });
  return { IdToken: idToken, AccessToken: accessToken, ExpiresIn: client.accessTokenValiditySeconds, TokenType: 'Bearer' };
}
