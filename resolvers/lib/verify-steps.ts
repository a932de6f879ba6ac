/**
 * The writes after a counted attempt was checked, and how their results read, shared by verifyOtp's steps 5 to 7 and
 * the Cognito sign-in factor's VerifyAuthChallengeResponse trigger, so both paths verify and lock in the same way:
 * - a right code: {@link verifySessionTransaction} marks the session VERIFIED (still PENDING, unexpired, the MAC KMS
 *   accepted still one of the session's) in one transaction with a check that the mailbox is not locked, so a lock
 *   holds for right codes too; {@link verifySessionAnswer} reads it;
 * - a wrong code: mailbox-guard.ts's countFailure counts it against the mailbox's failure budget, and
 *   {@link failureOutcome} says whether that locks the mailbox (mailbox-guard.ts's lockMailbox, from when).
 */
import type { DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import { PENDING_STATUS, STATUS_ATTRIBUTE, VERIFIED_STATUS, sessionKey, type GuardItem, type SessionItem } from '../../infra/model/index.ts';
import type { VerifyOtpResult } from '../generated/schema.ts';
import { failuresNow, lockedUntil, lockoutFor, notLocked, type FailureBudget } from './mailbox-guard.ts';
import { closedSessionAnswer, refusedAnswer, verifiedAnswer, wrongCodeAnswer } from './session.ts';
import { conditionFailure, type TransactWriteResult } from './transact.ts';

/** Positions in {@link verifySessionTransaction}. */
const SESSION_INDEX = 0;
const GUARD_INDEX = 1;

/** The VERIFIED write for a counted attempt whose code KMS accepted for the stored MAC `matchedMac`. */
export function verifySessionTransaction(input: {
  tableName: string;
  sessionId: string;
  matchedMac: string;
  mailbox: string;
  nowSeconds: number;
  nowIso: string;
  retentionSeconds: number;
}): DynamoDBTransactWriteItemsRequest {
  const { tableName, nowSeconds } = input;
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      {
        table: tableName,
        operation: 'UpdateItem',
        key: sessionKey(input.sessionId),
        update: {
          expression: 'SET #status = :verified, verifiedAt = :nowIso, expiresAt = :retainUntil',
          expressionNames: { '#status': STATUS_ATTRIBUTE },
          expressionValues: {
            ':verified': { S: VERIFIED_STATUS },
            ':nowIso': { S: input.nowIso },
            ':retainUntil': { N: nowSeconds + input.retentionSeconds },
          },
        },
        condition: {
          expression: '#status = :pending AND expiresAt > :now AND attribute_exists(codes.#code)',
          expressionNames: { '#status': STATUS_ATTRIBUTE, '#code': input.matchedMac },
          expressionValues: { ':pending': { S: PENDING_STATUS }, ':now': { N: nowSeconds } },
          returnValuesOnConditionCheckFailure: true,
        },
      },
      notLocked(tableName, input.mailbox, nowSeconds),
    ],
  };
}

/**
 * The answer {@link verifySessionTransaction}'s result calls for, or null when it is no answer about the code (a
 * conflicting transaction, throttling): the caller then fails, never VERIFIED.
 */
export function verifySessionAnswer(
  result: TransactWriteResult<SessionItem> | null | undefined,
  nowSeconds: number,
  maxAttempts: number,
): VerifyOtpResult | null {
  if (conditionFailure(result, GUARD_INDEX)) return refusedAnswer('LOCKED');
  const refused = conditionFailure(result, SESSION_INDEX);
  if (refused) {
    const session = refused.item;
    // Open but the code is gone: the email Lambda withdrew it (SES refused the address after all).
    return closedSessionAnswer(session, nowSeconds, maxAttempts) ?? wrongCodeAnswer(session?.attempts ?? maxAttempts, maxAttempts);
  }
  if (result?.cancellationReasons || !result?.keys) return null;
  return verifiedAnswer();
}

/**
 * After a wrong code was counted against the mailbox (`guard`: countFailure's ALL_NEW result): the answer, LOCKED
 * while the mailbox is locked (as for a right code, so a lock reveals nothing about a guess), and `lockUntil` when
 * this failure is at or past the budget and the lock must be set or lengthened.
 */
export function failureOutcome(input: {
  guard: GuardItem | null | undefined;
  nowSeconds: number;
  limits: FailureBudget;
  attemptsAfter: number | undefined;
  maxAttempts: number;
}): { answer: VerifyOtpResult; lockUntil?: number } {
  const { guard, nowSeconds, limits, maxAttempts } = input;
  const lockout = lockoutFor(failuresNow(guard, nowSeconds, limits), limits);
  const lockedTill = lockedUntil(guard, nowSeconds);
  const answer =
    lockout > 0 || lockedTill !== null ? refusedAnswer('LOCKED') : wrongCodeAnswer(input.attemptsAfter ?? maxAttempts, maxAttempts);
  return lockout > 0 && nowSeconds + lockout > (lockedTill ?? 0) ? { answer, lockUntil: nowSeconds + lockout } : { answer };
}
