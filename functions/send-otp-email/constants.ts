/** Defaults and limits of the send-otp-email function's configuration (environment variables). */

/** Digits in a code when OTP_CODE_LENGTH is absent. */
export const DEFAULT_CODE_LENGTH = 6;
/** Shortest code length accepted: the client-side extraction pattern is `\b(\d{4,10})\b`. */
export const MIN_CODE_LENGTH = 4;
/** Longest code length accepted; also keeps `10 ** length` far below `crypto.randomInt`'s 2^48 range limit. */
export const MAX_CODE_LENGTH = 10;
/** Code lifetime when OTP_TTL_SECONDS is absent (matches the resolvers' default). */
export const DEFAULT_TTL_SECONDS = 300;
/** Subject when EMAIL_SUBJECT is absent. It never contains the code: subjects show up in notifications and logs. */
export const DEFAULT_EMAIL_SUBJECT = 'Your verification code';

/** Key prefix of session items. */
export const SESSION_KEY_PREFIX = 'SESSION#';
/** The only session status that gets an email. */
export const PENDING_STATUS = 'PENDING';
