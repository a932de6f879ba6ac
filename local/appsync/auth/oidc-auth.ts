/**
 * OPENID_CONNECT: a token (the raw `Authorization` header) verified against its issuer's keys, then AppSync's
 * OpenIDConnectConfig checks: ClientId (a regular expression) against `aud` or `client_id`, IatTTL after `iat`, AuthTTL
 * after `auth_time` (both in milliseconds).
 */
import type { JWTVerifyGetKey } from 'jose';
import type { OidcProviderConfig } from '../../stack-description.ts';
import type { Identity } from '../runtime/types.ts';
import { oidcIdentity } from './identity.ts';
import { clientMatches, withinTtl } from './jwt-claims.ts';
import { verifyJwt } from './jwt-verify.ts';

/** A token mode's verdict: the caller's identity, or why the token was refused. */
export type TokenVerdict = { ok: true; identity: Identity } | { ok: false; reason: 'expired' | 'invalid' };

/** Verifies an OIDC token for `provider` at `now`. */
export async function verifyOidcToken(token: string, provider: OidcProviderConfig, keys: JWTVerifyGetKey, now: Date): Promise<TokenVerdict> {
  const verified = await verifyJwt(token, provider.issuer, keys, now);
  if (!verified.ok) return verified;
  const { claims } = verified;
  if (!clientMatches(claims, provider.clientId)) return { ok: false, reason: 'invalid' };
  const nowMs = now.getTime();
  if (!withinTtl(claims.iat, provider.iatTtlMs, nowMs) || !withinTtl(claims.auth_time, provider.authTtlMs, nowMs)) {
    return { ok: false, reason: 'expired' };
  }
  return { ok: true, identity: oidcIdentity(claims) };
}
