/** Defaults and limits of the send-otp-email function's configuration (environment variables). */

/** Digits in a code when OTP_CODE_LENGTH is absent. */
export const DEFAULT_CODE_LENGTH = 6;
/**
 * Shortest code length accepted: the construct's floor (shorter codes are guessable within the attempt limits),
 * repeated here so a function deployed with a hand-edited environment refuses to start rather than send them.
 */
export const MIN_CODE_LENGTH = 6;
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

/**
 * Most codes valid at once on one session. The email function adds a code beside the others instead of replacing
 * them: a stream record redelivered after an unknown outcome (e.g. the container crashed or timed out after SES
 * accepted the email) must not invalidate a code the user may already hold. The bound keeps the odds of guessing a
 * valid code from growing with each redelivery (each valid code is one more right answer among 10^codeLength).
 */
export const MAX_CODES_PER_SESSION = 3;

/**
 * The only attributes the email function writes on a session item (and it writes only `SESSION#` items). The IAM
 * policy of the function allows these names and the key `pk` (`dynamodb:Attributes`), so a new write here fails in
 * AWS until the policy lists it too (session-writes.test.ts checks every request against this list):
 * - `codes`: map of code hash → issued-at epoch second; the function adds a key, or removes the one it added when
 *   the email failed;
 * - `emailedAt`: when SES accepted the email;
 * - `undeliverableAt`, `undeliverableReason`: when and why (SES error name) SES refused the email for good.
 */
export const EMAIL_FUNCTION_WRITTEN_ATTRIBUTES = ['codes', 'emailedAt', 'undeliverableAt', 'undeliverableReason'] as const;
