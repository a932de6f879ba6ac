/** Shared by the email and SMS functions (and, later, the Cognito triggers). */
import { randomInt } from 'node:crypto';

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
