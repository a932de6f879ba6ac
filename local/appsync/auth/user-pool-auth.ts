/**
 * AMAZON_COGNITO_USER_POOLS: an ID or access token of the pool, verified against the pool's keys (issuer
 * `https://cognito-idp.<region>.amazonaws.com/<poolId>`, mappable to a local issuer through the engine's
 * `issuerOverrides`), `token_use` `id` or `access`, and AppIdClientRegex against `aud` (ID tokens) or `client_id`
 * (access tokens).
 */
import type { JWTVerifyGetKey } from 'jose';
import type { UserPoolProviderConfig } from '../../stack-description.ts';
import { userPoolIdentity } from './identity.ts';
import { wholeMatch } from './jwt-claims.ts';
import { verifyJwt } from './jwt-verify.ts';
import type { TokenVerdict } from './oidc-auth.ts';

/** The issuer of a user pool's tokens. */
export function userPoolIssuer(pool: Pick<UserPoolProviderConfig, 'region' | 'userPoolId'>): string {
  return `https://cognito-idp.${pool.region}.amazonaws.com/${pool.userPoolId}`;
}

/** The app client a Cognito token was issued to: `aud` for ID tokens, `client_id` for access tokens. */
function appClientOf(claims: Record<string, unknown>): string | null {
  if (claims.token_use === 'id') return typeof claims.aud === 'string' ? claims.aud : null;
  if (claims.token_use === 'access') return typeof claims.client_id === 'string' ? claims.client_id : null;
  return null;
}

/** Verifies a user pool token for `pool` at `now`. */
export async function verifyUserPoolToken(
  token: string,
  pool: UserPoolProviderConfig,
  keys: JWTVerifyGetKey,
  sourceIp: string,
  now: Date,
): Promise<TokenVerdict> {
  const verified = await verifyJwt(token, userPoolIssuer(pool), keys, now);
  if (!verified.ok) return verified;
  const client = appClientOf(verified.claims);
  if (client === null) return { ok: false, reason: 'invalid' };
  if (pool.appIdClientRegex && !wholeMatch(pool.appIdClientRegex)(client)) return { ok: false, reason: 'invalid' };
  return { ok: true, identity: userPoolIdentity(verified.claims, sourceIp, pool.defaultAction ?? 'ALLOW') };
}
