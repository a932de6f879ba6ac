/**
 * Phone numbers for `generateSmsOtp`: normalized to E.164 and checked against the numbering rules of the allowed
 * countries. The rules come from libphonenumber-js's metadata, derived by the construct at synth time
 * (infra/lib/sms-destinations.ts) and passed in `ctx.env` (format: infra/model/sms.ts): APPSYNC_JS cannot import
 * the library, so this file only looks the number up in the library's own patterns, it parses nothing by hand.
 *
 * Rules:
 * - spaces, dashes, dots, parentheses and slashes are formatting and removed; what remains must be `+` and 8 to 15
 *   ASCII digits (E.164). Numbers without the international `+` are refused: which country a national number
 *   belongs to would be a guess;
 * - the country is found by calling code, longest prefix first (1 to 3 digits); a code shared by several allowed
 *   countries (+1: US and CA) tries each country's pattern;
 * - a calling code of no allowed country: the destination is not supported (UnsupportedDestination);
 * - an allowed calling code, but a national number of a length none of its countries has: malformed (BadRequest);
 * - the right length but no allowed country's mobile pattern matches: not a mobile number of an allowed country
 *   (a landline, a premium-rate number, or another country sharing the calling code): UnsupportedDestination.
 */
import {
  E164_MAX_DIGITS,
  E164_MIN_DIGITS,
  SMS_COUNTRIES_VARIABLE,
  SMS_COUNTRY_SEPARATOR,
  SMS_FIELD_SEPARATOR,
  SMS_LENGTH_SEPARATOR,
  SMS_MAX_RULE_PARTS,
  smsRuleVariable,
} from '../../infra/model/index.ts';

const DIGITS = '0123456789';
/** Characters people format numbers with; removed before anything is checked. */
const FORMATTING = [' ', '-', '.', '(', ')', '/', '\u00a0'];

/** One allowed country, as the construct described it. */
export interface SmsCountryRule {
  country: string;
  callingCode: string;
  lengths: number[];
  patterns: string[];
}

/** What a number is, for the service. */
export type PhoneCheck =
  | { ok: true; e164: string; country: string }
  | { ok: false; errorType: 'BadRequest' | 'UnsupportedDestination'; message: string };

export const MALFORMED_NUMBER_MESSAGE =
  'The phone number must be in international format: + and the country calling code, e.g. +14155550123.';
export const UNSUPPORTED_DESTINATION_MESSAGE = 'Codes cannot be sent by SMS to this number.';

/** Reads the allowed countries' rules from `ctx.env`; an absent or malformed list allows none. */
export function readSmsCountryRules(env: Readonly<Record<string, string | undefined>>): SmsCountryRule[] {
  const list = (env[SMS_COUNTRIES_VARIABLE] ?? '').trim();
  if (list === '') return [];
  const rules: SmsCountryRule[] = [];
  list.split(SMS_COUNTRY_SEPARATOR).forEach((entry) => {
    const fields = entry.split(SMS_FIELD_SEPARATOR);
    if (fields.length !== 4) return;
    const country = fields[0] ?? '';
    const parts = parseInt(fields[3] ?? '', 10);
    const patterns = [1, 2, 3, 4]
      .filter((part) => part <= parts && part <= SMS_MAX_RULE_PARTS)
      .map((part) => env[smsRuleVariable(country, part)] ?? '')
      .filter((pattern) => pattern !== '');
    const lengths = (fields[2] ?? '').split(SMS_LENGTH_SEPARATOR).map((length) => parseInt(length, 10));
    if (patterns.length > 0) rules.push({ country, callingCode: fields[1] ?? '', lengths, patterns });
  });
  return rules;
}

/**
 * The number without formatting characters, or null unless it is `+` and E164_MIN_DIGITS to E164_MAX_DIGITS ASCII
 * digits, not starting with 0.
 *
 * @example compactE164('+1 (415) 555-0123') // '+14155550123'
 */
export function compactE164(phoneNumber: string): string | null {
  const compact = phoneNumber
    .trim()
    .split('')
    .filter((char) => FORMATTING.indexOf(char) < 0)
    .join('');
  if (compact.charAt(0) !== '+') return null;
  const digits = compact.slice(1).split('');
  if (digits.length < E164_MIN_DIGITS || digits.length > E164_MAX_DIGITS || digits[0] === '0') return null;
  return digits.every((char) => DIGITS.indexOf(char) >= 0) ? compact : null;
}

/**
 * Checks a number against the allowed countries. `matches` is `util.matches` (Java's `Pattern.matches`: the whole
 * text must match), passed in so the rule can be tested outside the resolver runtime.
 */
export function checkPhoneNumber(
  phoneNumber: string,
  rules: SmsCountryRule[],
  matches: (pattern: string, text: string) => boolean,
): PhoneCheck {
  const e164 = compactE164(phoneNumber);
  if (e164 === null) return { ok: false, errorType: 'BadRequest', message: MALFORMED_NUMBER_MESSAGE };
  const digits = e164.slice(1);
  // Calling codes are prefix-free (ITU-T E.164), so at most one length of prefix names allowed countries.
  const candidates = [3, 2, 1]
    .map((size) => rules.filter((rule) => rule.callingCode.length === size && digits.slice(0, size) === rule.callingCode))
    .filter((found) => found.length > 0);
  if (candidates.length === 0) {
    return { ok: false, errorType: 'UnsupportedDestination', message: UNSUPPORTED_DESTINATION_MESSAGE };
  }
  const countries = candidates[0] ?? [];
  const national = digits.slice((countries[0]?.callingCode ?? '').length);
  const rightLength = countries.filter((rule) => rule.lengths.indexOf(national.length) >= 0);
  if (rightLength.length === 0) return { ok: false, errorType: 'BadRequest', message: MALFORMED_NUMBER_MESSAGE };
  const found = rightLength.filter((rule) => rule.patterns.some((pattern) => matches(pattern, national)));
  if (found.length === 0) {
    return { ok: false, errorType: 'UnsupportedDestination', message: UNSUPPORTED_DESTINATION_MESSAGE };
  }
  return { ok: true, e164, country: found[0]?.country ?? '' };
}
