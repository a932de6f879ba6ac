/**
 * The ID token's claims the signed-in page shows. Amplify has already checked where the token came from (it got it
 * from the pool over TLS) but not its signature — a relying party's backend verifies it against the pool's JWKS; this
 * page only displays it.
 */

/** What the page shows of a signed-in user. */
export interface ShownClaims {
  email: string | null;
  sub: string;
  /** When the user proved the factor (epoch seconds): a refresh keeps it. */
  authTime: number;
  /** When this ID token stops being accepted (epoch seconds). */
  exp: number;
}

/**
 * Picks the shown claims from an ID token's payload (Amplify's `tokens.idToken.payload`), or null when it is not an
 * ID token with a subject and times (e.g. an access token by mistake).
 *
 * @example shownClaims({ sub: 'b1…', email: 'a@example.com', auth_time: 1765000000, exp: 1765003600, token_use: 'id' })
 */
export function shownClaims(payload: Readonly<Record<string, unknown>>): ShownClaims | null {
  const { sub, email, auth_time: authTime, exp, token_use: tokenUse } = payload;
  if (tokenUse !== 'id' || typeof sub !== 'string' || !sub) return null;
  if (!isEpochSeconds(authTime) || !isEpochSeconds(exp)) return null;
  return { email: typeof email === 'string' && email ? email : null, sub, authTime, exp };
}

function isEpochSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/**
 * A claim's time for people, in the page's language and the browser's time zone.
 *
 * @example formatClaimTime(1765000000, 'en') // 'Dec 6, 2025, 5:46:40 AM' (in UTC)
 */
export function formatClaimTime(epochSeconds: number, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', ...(timeZone ? { timeZone } : {}) }).format(
    new Date(epochSeconds * 1000),
  );
}
