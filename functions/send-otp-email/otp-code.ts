import { createHmac, randomInt } from 'node:crypto';

/**
 * Draws a code of `length` decimal digits from the CSPRNG, uniformly (leading zeros kept).
 *
 * @example
 * ```ts
 * drawOtpCode(6); // e.g. '042917'
 * ```
 */
export function drawOtpCode(length: number): string {
  return String(randomInt(0, 10 ** length)).padStart(length, '0');
}

/**
 * The value stored instead of the code: lowercase hex HMAC-SHA-256(secret, sessionId + code).
 * verifyOtp computes the same in APPSYNC_JS, so the format must not change.
 */
export function hashOtpCode(secret: string, sessionId: string, code: string): string {
  return createHmac('sha256', secret).update(sessionId + code).digest('hex');
}
