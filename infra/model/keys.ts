/**
 * The table's keys: one table, partition key `pk`, each item type told apart by the prefix of its key. Every
 * prefix and key builder is defined here once; the resolvers (bundled for APPSYNC_JS, so plain functions only),
 * the Lambda functions, the construct's stream filters and IAM conditions, the tests and the benchmarks import them.
 *
 * | item | key |
 * |---|---|
 * | session | `SESSION#<sessionId>` |
 * | send window counter | `RATE#<mailbox>#<windowStart>` |
 * | resend cooldown marker | `COOLDOWN#<mailbox>` |
 * | mailbox guard (failure budget, lock) | `MAILBOX#<mailbox>` |
 * | send budget counters | `BUDGET#GLOBAL#<minuteStart>#<shard>`, `BUDGET#DOMAIN#<domain>#<minuteStart>#<shard>` |
 * | SMS budget counters | `BUDGET#SMS#GLOBAL#<hourStart>#<shard>`, `BUDGET#SMS#COUNTRY#<ISO>#<hourStart>#<shard>` |
 * | suppressed mailbox (hard bounce, complaint) | `SUPPRESSED#<mailbox>` |
 *
 * `<mailbox>` is the destination key every per-person limit counts on: for email the canonical mailbox
 * (resolvers/lib/mailbox.ts), for SMS the E.164 number (`+14155550123`, resolvers/lib/phone.ts). The two cannot meet: a
 * mailbox has an `@`, a number starts with `+` and has none. Times are epoch seconds. Prefixes are plain
 * literals so the resolvers' bundles keep only what they use.
 */

/** The table's partition-key attribute. */
export const PARTITION_KEY = 'pk';

/** Partition-key prefix of session items; the stream consumers and the email function's IAM policy select on it. */
export const SESSION_KEY_PREFIX = 'SESSION#';
/** Partition-key prefix of per-mailbox window counters (send limits). */
export const RATE_KEY_PREFIX = 'RATE#';
/** Partition-key prefix of per-mailbox cooldown markers (send limits). */
export const COOLDOWN_KEY_PREFIX = 'COOLDOWN#';
/** Partition-key prefix of mailbox guards (failure budget and lock). */
export const MAILBOX_KEY_PREFIX = 'MAILBOX#';
/** Partition-key prefix of the send budgets' counters. */
export const BUDGET_KEY_PREFIX = 'BUDGET#';
/** The global budget's counters, under {@link BUDGET_KEY_PREFIX}. */
export const GLOBAL_BUDGET_KEY_PREFIX = 'BUDGET#GLOBAL#';
/** The per-recipient-domain budgets' counters, under {@link BUDGET_KEY_PREFIX}. */
export const DOMAIN_BUDGET_KEY_PREFIX = 'BUDGET#DOMAIN#';

/** The SMS channel's global hourly budget counters, under {@link BUDGET_KEY_PREFIX}. */
export const SMS_GLOBAL_BUDGET_KEY_PREFIX = 'BUDGET#SMS#GLOBAL#';
/** The SMS channel's per-destination-country hourly budget counters, under {@link BUDGET_KEY_PREFIX}. */
export const SMS_COUNTRY_BUDGET_KEY_PREFIX = 'BUDGET#SMS#COUNTRY#';

/**
 * Partition-key prefix of suppressed mailboxes (SES reported a hard bounce or a complaint): written by the SES
 * feedback function only, read by the email function before it draws a code.
 */
export const SUPPRESSED_KEY_PREFIX = 'SUPPRESSED#';

/** A key typed for a DynamoDB request (AppSync's and the SDK's shape alike; a type alias, so it fits their maps). */
export type TableKey = { pk: { S: string } };

/** The partition key value of a session. */
export function sessionPk(sessionId: string): string {
  return `${SESSION_KEY_PREFIX}${sessionId}`;
}

/** The key of a session item, typed for a DynamoDB request. */
export function sessionKey(sessionId: string): TableKey {
  return { pk: { S: sessionPk(sessionId) } };
}

/** Whether a partition key value is a session's. */
export function isSessionPk(pk: string | undefined): boolean {
  return typeof pk === 'string' && pk.startsWith(SESSION_KEY_PREFIX);
}

/** Partition key of the window counter of a canonical mailbox, for the window starting at `windowStart`. */
export function ratePk(mailbox: string, windowStart: number): string {
  return `${RATE_KEY_PREFIX}${mailbox}#${windowStart}`;
}

/** Partition key of the cooldown marker of a canonical mailbox. */
export function cooldownPk(mailbox: string): string {
  return `${COOLDOWN_KEY_PREFIX}${mailbox}`;
}

/** Partition key of a canonical mailbox's guard. */
export function guardPk(mailbox: string): string {
  return `${MAILBOX_KEY_PREFIX}${mailbox}`;
}

/** Partition key of one shard of the global budget's counter for the minute starting at `minuteStart`. */
export function globalBudgetPk(minuteStart: number, shard: number): string {
  return `${GLOBAL_BUDGET_KEY_PREFIX}${minuteStart}#${shard}`;
}

/** Partition key of one shard of a recipient domain's budget counter for the minute starting at `minuteStart`. */
export function domainBudgetPk(domain: string, minuteStart: number, shard: number): string {
  return `${DOMAIN_BUDGET_KEY_PREFIX}${domain}#${minuteStart}#${shard}`;
}

/** Partition key of one shard of the SMS channel's global budget counter for the hour starting at `hourStart`. */
export function smsGlobalBudgetPk(hourStart: number, shard: number): string {
  return `${SMS_GLOBAL_BUDGET_KEY_PREFIX}${hourStart}#${shard}`;
}

/** Partition key of one shard of a destination country's SMS budget counter for the hour starting at `hourStart`. */
export function smsCountryBudgetPk(country: string, hourStart: number, shard: number): string {
  return `${SMS_COUNTRY_BUDGET_KEY_PREFIX}${country}#${hourStart}#${shard}`;
}

/** Partition key of a canonical mailbox's suppression item. */
export function suppressedPk(mailbox: string): string {
  return `${SUPPRESSED_KEY_PREFIX}${mailbox}`;
}
