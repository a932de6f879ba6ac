/**
 * Audiences: who a verification is for (the relying party; a future token's `aud`). `generateOtp` stores one on
 * every session; the construct checks its allow-list with the same rule. Plain string checks (no regular
 * expressions), so the APPSYNC_JS resolvers can use it.
 */
import { AUDIENCE_MAX_LENGTH } from './items.ts';

/**
 * The AppSync environment variable holding the audience of sessions whose caller names none. Not the API id: in
 * CloudFormation a resource cannot refer to its own attributes (a circular dependency), and the API's environment is
 * a property of the API, so the construct passes a synth-time value (OtpService.defaultAudience).
 */
export const DEFAULT_AUDIENCE_VARIABLE = 'OTP_DEFAULT_AUDIENCE';
/** The AppSync environment variable listing the audiences API-key callers may name (the `allowedAudiences` prop). */
export const ALLOWED_AUDIENCES_VARIABLE = 'OTP_ALLOWED_AUDIENCES';
/** AppSync's limit on one environment variable's value, so on the joined allow-list. */
export const ENVIRONMENT_VALUE_MAX_LENGTH = 512;

/** Separates the allowed audiences in the OTP_ALLOWED_AUDIENCES environment variable, so it may not appear in one. */
export const AUDIENCE_LIST_SEPARATOR = ',';

/**
 * Whether `audience` may be stored: 1 to AUDIENCE_MAX_LENGTH characters, not blank, and no control characters (C0,
 * DEL, C1, line/paragraph separators), which could forge log lines or headers wherever the value is echoed later.
 *
 * @example isValidAudience('https://shop.example') // true
 * @example isValidAudience('a\nb') // false
 */
export function isValidAudience(audience: string): boolean {
  if (audience.length === 0 || audience.length > AUDIENCE_MAX_LENGTH || audience.trim().length === 0) return false;
  return audience.split('').every((char) => !isControlCharacter(char));
}

/** C0 controls, DEL, C1 controls and the Unicode line and paragraph separators (UTF-16 code units, so halves of a surrogate pair pass). */
function isControlCharacter(char: string): boolean {
  return char < '\u0020' || (char >= '\u007f' && char <= '\u009f') || char === '\u2028' || char === '\u2029';
}
