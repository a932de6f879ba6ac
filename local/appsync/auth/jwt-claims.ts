/**
 * Pure checks on JWT claims that jose's signature verification does not make: which provider a token claims to come
 * from (read before verification, only to route it), the client id against AppSync's ClientId / AppIdClientRegex,
 * and the IatTTL / AuthTTL windows.
 */
import { decodeJwt, type JWTPayload } from 'jose';

/**
 * The `iss` a token claims, unverified, or null when the token is not a JWT. Used only to pick the provider that
 * then verifies the token; nothing read here is trusted.
 */
export function claimedIssuer(token: string): string | null {
  if (token.split('.').length !== 3) return null;
  try {
    const { iss } = decodeJwt(token);
    return typeof iss === 'string' ? iss : null;
  } catch {
    return null;
  }
}

/**
 * AppSync regular expressions (ClientId, AppIdClientRegex, IdentityValidationExpression) match the whole value (Java's
 * `matches()`). An expression JavaScript cannot compile matches nothing, so a broken setting denies rather than allows.
 */
export function wholeMatch(pattern: string): (value: string) => boolean {
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return () => false;
  }
  return (value) => regex.test(value);
}

/**
 * The client ids a token was issued for: `aud` (ID tokens; a string or a list) and `client_id` (access tokens carry
 * the client there and often no `aud`).
 */
export function clientIdsOf(claims: JWTPayload): string[] {
  const ids: string[] = [];
  if (typeof claims.aud === 'string') ids.push(claims.aud);
  if (Array.isArray(claims.aud)) ids.push(...claims.aud.filter((aud): aud is string => typeof aud === 'string'));
  if (typeof claims.client_id === 'string') ids.push(claims.client_id);
  return ids;
}

/** Whether one of the token's client ids matches `pattern` (absent pattern: any client, as AppSync documents). */
export function clientMatches(claims: JWTPayload, pattern: string | undefined): boolean {
  if (pattern === undefined || pattern === '') return true;
  const matches = wholeMatch(pattern);
  return clientIdsOf(claims).some(matches);
}

/**
 * Whether `claim` (epoch seconds) lies within `ttlMs` of `nowMs`. A TTL of 0 or absent sets no limit; with a TTL the
 * claim is required (a token without it cannot show its age).
 */
export function withinTtl(claim: unknown, ttlMs: number | undefined, nowMs: number): boolean {
  if (!ttlMs) return true;
  if (typeof claim !== 'number' || !Number.isFinite(claim)) return false;
  return nowMs - claim * 1000 <= ttlMs;
}
