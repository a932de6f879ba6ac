/**
 * The send transaction of `generateOtp` and `generateSmsOtp`, and how they read it when it is cancelled. Both lay it
 * out the same way (the session put first, then the limits at the positions below; {@link sendTransaction}), so a
 * refusal is told and answered the same way for every channel: a lock (MailboxLocked), the destination's own limits (RateLimitExceeded, the per-destination
 * message) or the service's budgets (RateLimitExceeded, the budget message), each with a rounded retry time.
 */
import { util, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import { sessionKey, type GuardItem, type RateItem } from '../../infra/model/index.ts';
import { MAILBOX_LOCKED_ERROR_TYPE, lockedUntil, notLocked } from './mailbox-guard.ts';
import { countInWindow, markSent, type TransactWriteEntry } from './send-limit-writes.ts';
import { RATE_LIMIT_ERROR_TYPE, roundedRetry, sendAllowedAgain, type RetryAfter, type SendLimits } from './send-limits.ts';
import { epochSecondsToIso } from './time.ts';
import { TRANSACTION_CONFLICT, conditionFailure, type TransactWriteResult } from './transact.ts';

/** Positions in a send transaction. */
export const SEND_TRANSACTION_INDEX = { rate: 1, cooldown: 2, guard: 3, globalBudget: 4, scopedBudget: 5 } as const;

/** What request() hands to response() in both resolvers. */
export interface SendStash {
  sessionId: string;
  nowSeconds: number;
  expiresAt: number;
}

/**
 * The send transaction: [put the session, count it in the destination's window, mark the destination's cooldown,
 * check the destination is not locked, then the channel's two budget counters (global, then per domain or country)],
 * in the order of {@link SEND_TRANSACTION_INDEX}. `destination` is what every per-person limit is keyed on: the
 * canonical mailbox, or the E.164 number.
 */
export function sendTransaction(input: {
  tableName: string;
  stash: SendStash;
  sessionAttributes: Record<string, unknown>;
  destination: string;
  limits: SendLimits;
  budgets: [TransactWriteEntry, TransactWriteEntry];
}): DynamoDBTransactWriteItemsRequest {
  const { tableName, stash, destination, limits } = input;
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      {
        table: tableName,
        operation: 'PutItem',
        key: sessionKey(stash.sessionId),
        attributeValues: input.sessionAttributes,
        // A fresh UUID never collides; the condition makes sure a session is never overwritten if it ever did.
        condition: { expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: false },
      },
      countInWindow(tableName, destination, stash.nowSeconds, limits),
      markSent(tableName, destination, stash.nowSeconds, limits),
      notLocked(tableName, destination, stash.nowSeconds),
      ...input.budgets,
    ],
  };
}

/** A started session as both resolvers answer it. */
export function startedSession(stash: SendStash, limits: SendLimits): { sessionId: string; expiresAt: string; resendAvailableAt: string } {
  return {
    sessionId: stash.sessionId,
    expiresAt: epochSecondsToIso(stash.expiresAt),
    resendAvailableAt: epochSecondsToIso(stash.nowSeconds + limits.cooldownSeconds),
  };
}

/** What to say, and when the budgets open again. */
export interface RefusalWording {
  lockedMessage: string;
  limitMessage: string;
  budgetMessage: string;
  /** End (epoch seconds) of the budgets' current window. */
  budgetWindowEnd: number;
}

/** Why a send transaction was refused: the message, the errorType and when to try again. */
export interface SendRefusal {
  message: string;
  errorType: string;
  retry: RetryAfter;
}

/**
 * The refusal the cancelled transaction calls for, or undefined when nothing refused it (the caller then handles any
 * other error). Pure, so the Cognito sign-in trigger reads a refused send exactly as the resolvers do.
 */
export function sendRefusal(
  result: TransactWriteResult<RateItem | GuardItem> | null | undefined,
  nowSeconds: number,
  limits: SendLimits,
  wording: RefusalWording,
): SendRefusal | undefined {
  const at = SEND_TRANSACTION_INDEX;
  const reasons = result?.cancellationReasons ?? [];
  const conflictAt = (indexes: number[]) => indexes.some((index) => reasons[index]?.type === TRANSACTION_CONFLICT);

  const lock = conditionFailure(result, at.guard);
  if (lock) {
    // The guard is returned on a refusal; if it is not, the lock is assumed to end now (the retry is then early).
    const until = lockedUntil(lock.item as GuardItem | null, 0) ?? nowSeconds;
    return { message: wording.lockedMessage, errorType: MAILBOX_LOCKED_ERROR_TYPE, retry: roundedRetry(until, nowSeconds) };
  }
  const window = conditionFailure(result, at.rate);
  const cooldown = conditionFailure(result, at.cooldown) !== undefined;
  // A conflict on the destination's items means another send to it is being written right now.
  const conflict = conflictAt([at.rate, at.cooldown, at.guard]);
  const budgetFull =
    conditionFailure(result, at.globalBudget) !== undefined || conditionFailure(result, at.scopedBudget) !== undefined;
  const budgetConflict = conflictAt([at.globalBudget, at.scopedBudget]);
  if (!(window || cooldown || conflict || budgetFull || budgetConflict)) return undefined;
  const retry = sendAllowedAgain(
    {
      window: window ? { item: window.item as RateItem | null } : undefined,
      cooldown,
      conflict,
      budget: budgetFull ? { windowEnd: wording.budgetWindowEnd } : undefined,
      budgetConflict,
    },
    nowSeconds,
    limits,
  );
  const destinationLimited = window !== undefined || cooldown || conflict;
  return { message: destinationLimited ? wording.limitMessage : wording.budgetMessage, errorType: RATE_LIMIT_ERROR_TYPE, retry };
}

/**
 * Ends the resolver with the refusal the cancelled transaction calls for ({@link sendRefusal}); returns when nothing
 * refused it (the caller then handles `ctx.error`, if any).
 */
export function refuseIfLimited(
  result: TransactWriteResult<RateItem | GuardItem> | null | undefined,
  nowSeconds: number,
  limits: SendLimits,
  wording: RefusalWording,
): void {
  const refusal = sendRefusal(result, nowSeconds, limits, wording);
  if (refusal) refuse(refusal.message, refusal.errorType, refusal.retry);
}

/** Ends the resolver with a refusal a client can branch on, saying when to try again. */
function refuse(message: string, errorType: string, retry: RetryAfter): never {
  return util.error(message, errorType, null, {
    retryAfter: epochSecondsToIso(retry.atSeconds),
    retryAfterSeconds: retry.seconds,
  });
}
