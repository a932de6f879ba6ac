/**
 * The shapes of the table's items, as AppSync hands them to resolvers and `unmarshall` returns them (DynamoDB types
 * converted to plain values). Keys: keys.ts. Every time is epoch seconds unless it says ISO-8601; `expiresAt` is
 * the table's TTL attribute on every item, for clean-up only: every read and conditional write checks the time itself.
 */

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
 * The codes sent for a session: HMAC-SHA-256(OTP_HMAC_SECRET, sessionId + code) as hex → epoch second issued.
 * Empty until the email Lambda stored one; more than one only when a stream record was redelivered after an unknown
 * outcome, so a code the user may already hold is never replaced (at most MAX_CODES_PER_SESSION, policy.ts).
 */
export type CodeHashes = Record<string, number>;

/** `SESSION#<sessionId>`: one verification, written by generateOtp, the email Lambda and verifyOtp. */
export interface SessionItem {
  pk: string;
  sessionId: string;
  /** Trimmed and lower-cased; the address the code is sent to. */
  email: string;
  /** The canonical mailbox the send limits and the failure budget are keyed on. */
  mailbox: string;
  status: StoredStatus;
  /** Attempts counted, right or wrong; each is counted before its code is compared. */
  attempts: number;
  /** ISO-8601. */
  createdAt: string;
  /** End of the code's lifetime, or of the retention once verified. */
  expiresAt: number;
  codes: CodeHashes;
  /** ISO-8601: when SES accepted the email. */
  emailedAt?: string;
  /** ISO-8601. */
  verifiedAt?: string;
  /**
   * Who the verification is for (a future token's `aud`): the caller's `audience`, or the API's default audience.
   * Absent on sessions created before audiences existed.
   */
  audience?: string;
  /** ISO-8601: when `consumeVerification` moved the session from VERIFIED to CONSUMED. */
  consumedAt?: string;
  /** The id of the `consumeVerification` request that consumed it ({@link CONSUME_ID_ATTRIBUTE}). */
  consumeId?: string;
  /** ISO-8601: set by the email Lambda when SES refused the address for good; no code is valid then. */
  undeliverableAt?: string;
  /** SES's error name for {@link undeliverableAt}. */
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
