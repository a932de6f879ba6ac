/**
 * The shapes of the table's items, as AppSync hands them to resolvers and `unmarshall` returns them (DynamoDB types
 * converted to plain values). Keys: keys.ts. Every time is epoch seconds unless it says ISO-8601; `expiresAt` is
 * the table's TTL attribute on every item, for clean-up only: every read and conditional write checks the time itself.
 */
import type { SIGN_IN_PURPOSE } from './sign-in.ts';
import type { EMAIL_CHANNEL, SMS_CHANNEL } from './sms.ts';

/** The stored status of a session that can still be verified. */
export const PENDING_STATUS = 'PENDING';
/** The stored status of a verified session. */
export const VERIFIED_STATUS = 'VERIFIED';
/**
 * The stored status of a verified session that a backend has consumed (`consumeVerification`): it was verified, and
 * it may not be used again. Only VERIFIED becomes CONSUMED, once.
 */
export const CONSUMED_STATUS = 'CONSUMED';

/** Status stored on a session; LOCKED and EXPIRED are derived from `attempts` and `expiresAt`. */
export type StoredStatus = typeof PENDING_STATUS | typeof VERIFIED_STATUS | typeof CONSUMED_STATUS;

/** The session attribute that holds its status; conditional writes name it (`status` is a DynamoDB reserved word). */
export const STATUS_ATTRIBUTE = 'status' satisfies keyof SessionItem;
/** The session attribute that holds the relying party the session was started for. */
export const AUDIENCE_ATTRIBUTE = 'audience' satisfies keyof SessionItem;
/**
 * The session attribute that holds the Cognito user (`sub`) who started a step-up session (generateOtp called with
 * the API's user pool): only that user may verify it, and its token and `verification` name them.
 */
export const USER_SUB_ATTRIBUTE = 'userSub' satisfies keyof SessionItem;
/** The session attribute that holds when the verification was consumed. */
export const CONSUMED_AT_ATTRIBUTE = 'consumedAt' satisfies keyof SessionItem;
/**
 * The session attribute naming the `consumeVerification` request that consumed it (a fresh id per request), so a
 * request can tell its own write from an earlier one even if both wrote the same `consumedAt`.
 */
export const CONSUME_ID_ATTRIBUTE = 'consumeId' satisfies keyof SessionItem;
/** The longest audience `generateOtp` accepts, in UTF-16 code units. */
export const AUDIENCE_MAX_LENGTH = 256;

/**
 * One code sent for a session, stored under its MAC (the key of {@link StoredCodes}): which KMS key made the MAC, so
 * verifyOtp verifies it with that key also after the service moved on to another one (a key rotation).
 */
export interface StoredCode {
  /** The ARN of the KMS key, as GenerateMac answered it. */
  keyId: string;
  /** Epoch second the code was issued. */
  issuedAt: number;
}

/**
 * The codes sent for a session: the base64 MAC of each (KMS GenerateMac, code-mac.ts) → {@link StoredCode}. Empty
 * until the email Lambda stored one; more than one only when a stream record was redelivered after an unknown
 * outcome, so a code the user may already hold is never replaced (at most MAX_CODES_PER_SESSION, policy.ts).
 */
export type StoredCodes = Record<string, StoredCode>;

/** `SESSION#<sessionId>`: one verification, written by generateOtp, the email Lambda and verifyOtp. */
export interface SessionItem {
  pk: string;
  sessionId: string;
  /** Trimmed and lower-cased; the address the code is sent to. Not written on SMS sessions (typed as required for the email code paths, which only ever read email sessions). */
  email: string;
  /**
   * The destination key the send limits and the failure budget are keyed on: the canonical mailbox of an email
   * session, the E.164 number of an SMS session (the name stays `mailbox`: verifyOtp and older sessions read it).
   */
  mailbox: string;
  /** `SMS` for SMS sessions (sms.ts); absent on email sessions, which the email function's stream filter takes. */
  channel?: typeof SMS_CHANNEL | typeof EMAIL_CHANNEL;
  /** SMS sessions: the number the code is sent to, E.164 (`+14155550123`). */
  phoneNumber?: string;
  /** SMS sessions: the number's country (ISO 3166-1 alpha-2), the per-country SMS budget's key. */
  country?: string;
  /** ISO-8601: when SNS accepted the SMS. */
  smsSentAt?: string;
  status: StoredStatus;
  /** Attempts counted, right or wrong; each is counted before its code is compared. */
  attempts: number;
  /** ISO-8601. */
  createdAt: string;
  /** End of the code's lifetime, or of the retention once verified. */
  expiresAt: number;
  codes: StoredCodes;
  /** ISO-8601: when SES accepted the email. */
  emailedAt?: string;
  /** ISO-8601. */
  verifiedAt?: string;
  /**
   * Who the verification is for (a future token's `aud`): the caller's `audience`, or the API's default audience.
   * Absent on sessions created before audiences existed.
   */
  audience?: string;
  /**
   * The caller's `locale` (a BCP 47 tag in canonical case, locales.ts), which picks the language of the messages;
   * absent when the caller named none (the messages are then in DEFAULT_LOCALE).
   */
  locale?: string;
  /**
   * Step-up sessions only: the `sub` of the user-pool caller who started it ({@link USER_SUB_ATTRIBUTE}), written
   * once by generateOtp and never changed. Absent on every other session, which any caller holding the id may verify.
   */
  userSub?: string;
  /** ISO-8601: when `consumeVerification` moved the session from VERIFIED to CONSUMED. */
  consumedAt?: string;
  /** The id of the `consumeVerification` request that consumed it ({@link CONSUME_ID_ATTRIBUTE}). */
  consumeId?: string;
  /**
   * `COGNITO_SIGN_IN` on sessions the Cognito sign-in factor started (sign-in.ts): only its triggers count, verify or
   * read them; absent on generateOtp's sessions.
   */
  purpose?: typeof SIGN_IN_PURPOSE;
  /** ISO-8601: set by the email Lambda when SES refused the address for good; no code is valid then. */
  undeliverableAt?: string;
  /** SES's (or SNS's) error name for {@link undeliverableAt}. */
  undeliverableReason?: string;
}

/**
 * The only session attributes the email Lambda writes (and it writes only session items). Its IAM policy allows
 * exactly these names and the key (`dynamodb:Attributes`), so a new write there fails in AWS until this lists it.
 */
export const EMAIL_FUNCTION_WRITTEN_ATTRIBUTES = [
  'codes',
  'emailedAt',
  'undeliverableAt',
  'undeliverableReason',
] as const satisfies readonly (keyof SessionItem)[];

/**
 * The only session attributes the SMS function writes; its IAM policy allows exactly these names and the key, as
 * for the email function.
 */
export const SMS_FUNCTION_WRITTEN_ATTRIBUTES = [
  'codes',
  'smsSentAt',
  'undeliverableAt',
  'undeliverableReason',
] as const satisfies readonly (keyof SessionItem)[];

/** `RATE#<mailbox>#<windowStart>`: codes sent to a mailbox in one fixed send window. */
export interface RateItem {
  pk: string;
  count: number;
  windowStart: number;
  expiresAt: number;
}

/** `COOLDOWN#<mailbox>`: when the mailbox was last sent a code. */
export interface CooldownItem {
  pk: string;
  lastSentAt: number;
  expiresAt: number;
}

/**
 * `MAILBOX#<mailbox>`: the mailbox's failure budget. Wrong codes are counted in one attribute per fixed window
 * (`failures_<windowStart>`, so one UpdateItem counts without reading first), and `lockedUntil` ends a lock.
 */
export interface GuardItem {
  pk: string;
  lockedUntil?: number;
  expiresAt?: number;
  [failuresInWindow: `failures_${number}`]: number | undefined;
}

/** `BUDGET#GLOBAL#…` / `BUDGET#DOMAIN#…`: codes sent in one minute on one shard of a send budget. */
export interface BudgetItem {
  pk: string;
  count: number;
  expiresAt: number;
}

/** Why a mailbox is suppressed: SES reported a permanent bounce, or the recipient complained (marked it as spam). */
export type SuppressionReason = 'Bounce' | 'Complaint';

/** The session's `undeliverableReason` when nothing was sent because the mailbox is suppressed. */
export const SUPPRESSED_UNDELIVERABLE_REASON = 'Suppressed';

/**
 * `SUPPRESSED#<mailbox>`: a canonical mailbox SES told us not to mail (a hard bounce or a complaint), written by the
 * SES feedback function. While it exists and `expiresAt` (if any) is in the future, the email function sends nothing
 * to the mailbox and marks the session undeliverable. A complaint never expires (no `expiresAt`) and is not turned
 * back into a bounce by a later bounce; bounces expire after the construct's `suppressionPeriod`.
 */
export interface SuppressionItem {
  pk: string;
  /** The latest reason; `Complaint` stays once recorded. */
  reason: SuppressionReason;
  /** SES's bounce subtype (`General`, `OnAccountSuppressionList`, …) or complaint feedback type, when given. */
  detail?: string;
  /** ISO-8601: the first and latest event that suppressed the mailbox. */
  firstSeenAt: string;
  lastSeenAt: string;
  /** How many bounce and complaint events named the mailbox. */
  count: number;
  /** Epoch seconds, the TTL attribute; absent for complaints (suppressed until someone deletes the item). */
  expiresAt?: number;
}

/** Every attribute the SES feedback function writes or reads in a condition (its IAM policy allows exactly these). */
export const FEEDBACK_FUNCTION_ATTRIBUTES = [
  'pk',
  'reason',
  'detail',
  'firstSeenAt',
  'lastSeenAt',
  'count',
  'expiresAt',
] as const satisfies readonly (keyof SuppressionItem)[];

/** How long a hard bounce suppresses a mailbox unless the construct's `suppressionPeriod` says otherwise: 90 days. */
export const DEFAULT_SUPPRESSION_PERIOD_SECONDS = 90 * 86400;
