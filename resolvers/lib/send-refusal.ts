/**
 * How `generateOtp` and `generateSmsOtp` read a cancelled send transaction. Both lay it out the same way (the
 * session put first, then the limits at the positions below), so a refusal is told and answered the same way for
 * every channel: a lock (MailboxLocked), the destination's own limits (RateLimitExceeded, the per-destination
 * message) or the service's budgets (RateLimitExceeded, the budget message), each with a rounded retry time.
 */
import { util } from '@aws-appsync/utils';
import type { GuardItem, RateItem } from '../../infra/model/index.ts';
import { MAILBOX_LOCKED_ERROR_TYPE, lockedUntil } from './mailbox-guard.ts';
import { RATE_LIMIT_ERROR_TYPE, roundedRetry, sendAllowedAgain, type RetryAfter, type SendLimits } from './send-limits.ts';
import { epochSecondsToIso } from './time.ts';
import { TRANSACTION_CONFLICT, conditionFailure, type TransactWriteResult } from './transact.ts';

/** Positions in a send transaction. */
export const SEND_TRANSACTION_INDEX = { rate: 1, cooldown: 2, guard: 3, globalBudget: 4, scopedBudget: 5 } as const;

/** What to say, and when the budgets open again. */
export interface RefusalWording {
  lockedMessage: string;
  limitMessage: string;
  budgetMessage: string;
  /** End (epoch seconds) of the budgets' current window. */
  budgetWindowEnd: number;
}

/**
 * Ends the resolver with the refusal the cancelled transaction calls for; returns when nothing refused it (the
 * caller then handles `ctx.error`, if any).
 */
export function refuseIfLimited(
  result: TransactWriteResult<RateItem | GuardItem> | null | undefined,
  nowSeconds: number,
  limits: SendLimits,
  wording: RefusalWording,
): void {
  const at = SEND_TRANSACTION_INDEX;
  const reasons = result?.cancellationReasons ?? [];
  const conflictAt = (indexes: number[]) => indexes.some((index) => reasons[index]?.type === TRANSACTION_CONFLICT);

  const lock = conditionFailure(result, at.guard);
  if (lock) {
    // The guard is returned on a refusal; if it is not, the lock is assumed to end now (the retry is then early).
    const until = lockedUntil(lock.item as GuardItem | null, 0) ?? nowSeconds;
    refuse(wording.lockedMessage, MAILBOX_LOCKED_ERROR_TYPE, roundedRetry(until, nowSeconds));
  }
  const window = conditionFailure(result, at.rate);
  const cooldown = conditionFailure(result, at.cooldown) !== undefined;
  // A conflict on the destination's items means another send to it is being written right now.
  const conflict = conflictAt([at.rate, at.cooldown, at.guard]);
  const budgetFull =
    conditionFailure(result, at.globalBudget) !== undefined || conditionFailure(result, at.scopedBudget) !== undefined;
  const budgetConflict = conflictAt([at.globalBudget, at.scopedBudget]);
  if (window || cooldown || conflict || budgetFull || budgetConflict) {
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
    refuse(destinationLimited ? wording.limitMessage : wording.budgetMessage, RATE_LIMIT_ERROR_TYPE, retry);
  }
}

/** Ends the resolver with a refusal a client can branch on, saying when to try again. */
function refuse(message: string, errorType: string, retry: RetryAfter): never {
  return util.error(message, errorType, null, {
    retryAfter: epochSecondsToIso(retry.atSeconds),
    retryAfterSeconds: retry.seconds,
  });
}
