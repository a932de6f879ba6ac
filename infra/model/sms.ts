/**
 * The SMS channel's shared definitions: the session's channel, and the format in which the construct hands the
 * resolvers the numbering rules of the allowed countries (derived at synth time from libphonenumber-js's metadata,
 * infra/lib/sms-destinations.ts; read in APPSYNC_JS by resolvers/lib/phone.ts, which cannot import the library).
 * Plain literals and string functions only: bundled into the resolvers.
 *
 * Environment variables (AppSync: at most 512 characters a value, 50 variables an API):
 * - `OTP_SMS_COUNTRIES`: `<ISO>:<calling code>:<lengths separated by '.'>:<pattern parts>` per allowed country,
 *   separated by ',', e.g. `US:1:10:2,GB:44:10:1`;
 * - `OTP_SMS_RULE_<ISO>_<n>` (n = 1 … pattern parts): alternatives of the country's mobile (or, where the metadata
 *   does not tell them apart, fixed-line-or-mobile) national-number pattern; a national number is allowed when it
 *   has one of the lengths and matches one part in full (Java's `Pattern.matches`, which `util.matches` is).
 */

/** The session attribute naming the channel a code goes out on; absent on email sessions (and on every older one). */
export const CHANNEL_ATTRIBUTE = 'channel';
/** {@link CHANNEL_ATTRIBUTE} of SMS sessions; the SMS function's stream filter selects it. */
export const SMS_CHANNEL = 'SMS';
/** {@link CHANNEL_ATTRIBUTE} an email session may carry; email sessions leave it out (the email stream filter takes both). */
export const EMAIL_CHANNEL = 'EMAIL';

/** The environment variable listing the allowed countries and their numbering summary. */
export const SMS_COUNTRIES_VARIABLE = 'OTP_SMS_COUNTRIES';
/** Separates countries in {@link SMS_COUNTRIES_VARIABLE}. */
export const SMS_COUNTRY_SEPARATOR = ',';
/** Separates the fields of one country. */
export const SMS_FIELD_SEPARATOR = ':';
/** Separates the possible lengths of one country. */
export const SMS_LENGTH_SEPARATOR = '.';
/** At most this many pattern parts per country (the resolver checks at most these). */
export const SMS_MAX_RULE_PARTS = 4;

/** The environment variable holding part `part` (1-based) of a country's pattern. */
export function smsRuleVariable(country: string, part: number): string {
  return `OTP_SMS_RULE_${country}_${part}`;
}

/** The E.164 limit: at most 15 digits after the `+`, calling code included. */
export const E164_MAX_DIGITS = 15;
/** The fewest digits the service accepts in an international number (calling code included). */
export const E164_MIN_DIGITS = 8;
