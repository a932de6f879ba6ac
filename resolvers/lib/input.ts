/** Validation and normalization of the API's arguments: pure string checks, no regular expressions. */
import { util } from '@aws-appsync/utils';
import { ACCEPTED_CODE_DIGITS, canonicalLocaleTag } from '../../infra/model/index.ts';

const DIGITS = '0123456789';
const HEX_DIGITS = '0123456789abcdef';
const UUID_DASH_POSITIONS = [8, 13, 18, 23];
const UUID_LENGTH = 36;

/** An email address as sessions store it: trimmed and lower-cased (AppSync has already checked it is an AWSEmail). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** RFC 5321's limits, which SES enforces: a longer address would fail at send time, after the session exists. */
export const EMAIL_MAX_LENGTH = 254;
export const EMAIL_LOCAL_PART_MAX_LENGTH = 64;

/** Whether a (normalized) address fits the lengths a mail server accepts. */
export function hasDeliverableLength(email: string): boolean {
  const at = email.lastIndexOf('@');
  return email.length <= EMAIL_MAX_LENGTH && at >= 0 && at <= EMAIL_LOCAL_PART_MAX_LENGTH;
}

/**
 * The code without the spaces and dashes people paste with it, or null when what remains is not ACCEPTED_CODE_DIGITS (4 to 10) ASCII digits.
 *
 * @example normalizeCode('123 - 456') // '123456'
 */
export function normalizeCode(code: string): string | null {
  const compact = code.split(' ').join('').split('-').join('');
  const chars = compact.split('');
  if (chars.length < ACCEPTED_CODE_DIGITS.min || chars.length > ACCEPTED_CODE_DIGITS.max) return null;
  return chars.every((char) => DIGITS.indexOf(char) >= 0) ? compact : null;
}

/**
 * The session id in lower case (the form util.autoId() produces and keys use), or null when it is not a UUID
 * (8-4-4-4-12 hex digits). Rejecting other text keeps arbitrary strings out of keys and the HMAC input.
 */
export function normalizeSessionId(sessionId: string): string | null {
  const lower = sessionId.trim().toLowerCase();
  const chars = lower.split('');
  if (chars.length !== UUID_LENGTH) return null;
  const wellFormed = chars.every((char, index) =>
    UUID_DASH_POSITIONS.indexOf(index) >= 0 ? char === '-' : HEX_DIGITS.indexOf(char) >= 0,
  );
  return wellFormed ? lower : null;
}

/**
 * `generateOtp`'s `locale`: absent (undefined) when not given, its canonical form when it is a BCP 47 language tag,
 * and otherwise a `BadRequest` error (nothing is written).
 */
export function readLocale(locale: string | null | undefined): string | undefined {
  if (locale === null || locale === undefined) return undefined;
  const canonical = canonicalLocaleTag(locale);
  if (canonical === null) util.error('The locale must be a BCP 47 language tag such as en or de-AT.', 'BadRequest');
  return canonical;
}
