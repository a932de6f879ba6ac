/**
 * The failure budget of a mailbox: wrong codes are counted per canonical mailbox across all of its sessions, and
 * past the budget the mailbox locks for a time that doubles with every further failure. While it is locked,
 * `generateOtp` refuses (MailboxLocked) and `verifyOtp` answers LOCKED, for right and wrong codes alike, so a lock
 * tells an attacker nothing about a guess. Without it, 5 codes per 15 minutes × 5 attempts allow 2,400 guesses a
 * day at one mailbox; NIST SP 800-63B allows at most 100 failed attempts on one account.
 *
 * One item per mailbox, `MAILBOX#<canonical mailbox>` (key and shape: infra/model):
 * - `failures_<windowStart>`: wrong codes counted in the fixed window starting then (an attribute per window, so
 *   one UpdateItem counts without reading first; the previous window's attribute is removed by the same write);
 * - `lockedUntil` (epoch seconds), `expiresAt` (TTL, for clean-up only: every check compares the times itself).
 */
import type { DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import { POLICY_DEFAULTS, POLICY_RANGES, guardPk, type GuardItem } from '../../infra/model/index.ts';
import { readPositiveInt } from './config.ts';
import type { TransactWriteEntry } from './send-limit-writes.ts';
import { windowStartOf } from './send-limits.ts';

/** The errorType of generateOtp during a lock. */
export const MAILBOX_LOCKED_ERROR_TYPE = 'MailboxLocked';
/** Its message: the same for every address. */
export const MAILBOX_LOCKED_MESSAGE = 'Too many wrong codes for this address. Try again later.';

/** The configured failure budget. */
export interface FailureBudget {
  /** Wrong codes per window before the mailbox locks (at most the policy's maximum, NIST's 100). */
  budget: number;
  windowSeconds: number;
  /** The first lock's length; each further failure doubles it, up to `maxLockoutSeconds`. */
  lockoutSeconds: number;
  maxLockoutSeconds: number;
}

/**
 * Reads the failure budget from `ctx.env`; a budget above the policy's maximum (NIST's 100) is capped, malformed
 * values use the policy's defaults.
 */
export function readFailureBudget(env: Readonly<Record<string, string | undefined>>): FailureBudget {
  const lockoutSeconds = readPositiveInt(env, 'OTP_LOCKOUT_SECONDS', POLICY_DEFAULTS.lockoutSeconds);
  return {
    budget: Math.min(
      POLICY_RANGES.failureBudget.max,
      readPositiveInt(env, 'OTP_FAILURE_BUDGET', POLICY_DEFAULTS.failureBudget),
    ),
    windowSeconds: readPositiveInt(env, 'OTP_FAILURE_WINDOW_SECONDS', POLICY_DEFAULTS.failureWindowSeconds),
    lockoutSeconds,
    maxLockoutSeconds: Math.max(
      lockoutSeconds,
      readPositiveInt(env, 'OTP_MAX_LOCKOUT_SECONDS', POLICY_DEFAULTS.maxLockoutSeconds),
    ),
  };
}

/** The attribute that counts the failures of the window starting at `windowStart`. */
export function failuresAttribute(windowStart: number): `failures_${number}` {
  return `failures_${windowStart}`;
}

/** Failures counted in the window containing `nowSeconds`. */
export function failuresNow(item: GuardItem | null | undefined, nowSeconds: number, limits: FailureBudget): number {
  return item?.[failuresAttribute(windowStartOf(nowSeconds, limits.windowSeconds))] ?? 0;
}

/** When the lock ends (epoch seconds), or null when the mailbox is not locked at `nowSeconds`. */
export function lockedUntil(item: GuardItem | null | undefined, nowSeconds: number): number | null {
  const until = item?.lockedUntil;
  return typeof until === 'number' && until > nowSeconds ? until : null;
}

/**
 * How long to lock after `failures` wrong codes in the window: nothing below the budget, `lockoutSeconds` at the
 * budget, doubled for each failure past it, never more than `maxLockoutSeconds`.
 *
 * @example lockoutFor(22, { budget: 20, lockoutSeconds: 900, maxLockoutSeconds: 86400, windowSeconds: 86400 }) // 3600
 */
export function lockoutFor(failures: number, limits: FailureBudget): number {
  if (failures < limits.budget) return 0;
  // A shift instead of Math.pow (not in APPSYNC_JS's documented Math subset); 2^30 times any lockout is far past
  // any maximum, and a larger shift would overflow 32 bits.
  const doublings = Math.min(failures - limits.budget, 30);
  return Math.min(limits.lockoutSeconds * (1 << doublings), limits.maxLockoutSeconds);
}

/** How long a guard item must outlive its newest write: the window it counts plus the longest lock. */
function guardRetention(limits: FailureBudget): number {
  return limits.windowSeconds + limits.maxLockoutSeconds;
}

/**
 * The transaction entry that lets a write through only while the mailbox is not locked. It asks for the guard on
 * a refusal, so the caller can say when the lock ends without a second read.
 */
export function notLocked(tableName: string, mailbox: string, nowSeconds: number): TransactWriteEntry {
  return {
    table: tableName,
    operation: 'ConditionCheck',
    key: { pk: { S: guardPk(mailbox) } },
    condition: {
      expression: 'attribute_not_exists(lockedUntil) OR lockedUntil <= :now',
      expressionValues: { ':now': { N: nowSeconds } },
      returnValuesOnConditionCheckFailure: true,
    },
  };
}

/**
 * Counts one wrong code for the mailbox (no condition: a failure is always counted, locked or not). The result
 * (ALL_NEW) carries the window's count and any lock.
 */
export function countFailure(mailbox: string, nowSeconds: number, limits: FailureBudget): DynamoDBUpdateItemRequest {
  const windowStart = windowStartOf(nowSeconds, limits.windowSeconds);
  return {
    operation: 'UpdateItem',
    key: { pk: { S: guardPk(mailbox) } },
    update: {
      expression: 'SET #failures = if_not_exists(#failures, :zero) + :one, expiresAt = :expiresAt REMOVE #previous',
      expressionNames: {
        '#failures': failuresAttribute(windowStart),
        '#previous': failuresAttribute(windowStart - limits.windowSeconds),
      },
      expressionValues: { ':zero': { N: 0 }, ':one': { N: 1 }, ':expiresAt': { N: nowSeconds + guardRetention(limits) } },
    },
  };
}

/**
 * Locks the mailbox until `until`; the condition only ever extends a lock, so concurrent failures cannot shorten
 * one another's.
 */
export function lockMailbox(mailbox: string, until: number, nowSeconds: number, limits: FailureBudget): DynamoDBUpdateItemRequest {
  return {
    operation: 'UpdateItem',
    key: { pk: { S: guardPk(mailbox) } },
    update: {
      expression: 'SET lockedUntil = :until, expiresAt = :expiresAt',
      expressionValues: { ':until': { N: until }, ':expiresAt': { N: nowSeconds + guardRetention(limits) } },
    },
    condition: {
      expression: 'attribute_not_exists(lockedUntil) OR lockedUntil < :until',
      expressionValues: { ':until': { N: until } },
    },
  };
}
