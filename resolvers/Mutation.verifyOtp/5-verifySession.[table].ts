/**
 * verifyOtp step 5, for a counted attempt whose code KMS accepted: mark the session VERIFIED. The write is conditional
 * (still PENDING, unexpired, and the MAC KMS accepted still one of the session's: a code the email function withdrew
 * meanwhile does not verify) and sits in one transaction with a check that the mailbox is not locked by its failure
 * budget, so a lock holds for right codes too. A TransactWriteItems also returns the items whose condition failed,
 * which names the reason without another read.
 */
import { runtime, util, type Context, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import { PENDING_STATUS, VERIFIED_STATUS, sessionKey, type SessionItem } from '../../infra/model/index.ts';
import type { MutationVerifyOtpArgs, VerifyOtpResult } from '../generated/schema.ts';
import { readOtpConfig } from '../lib/config.ts';
import { notLocked } from '../lib/mailbox-guard.ts';
import { closedSessionAnswer, refusedAnswer, verifiedAnswer, wrongCodeAnswer } from '../lib/session.ts';
import { conditionFailure, type TransactWriteResult } from '../lib/transact.ts';
import type { VerifyOtpStash } from '../lib/verify-otp-stash.ts';

/** Positions in the transaction. */
const SESSION_INDEX = 0;
const GUARD_INDEX = 1;

export function request(ctx: Context<MutationVerifyOtpArgs, VerifyOtpStash>): DynamoDBTransactWriteItemsRequest {
  const { sessionId, matched, matchedMac, nowSeconds, nowIso, mailbox } = ctx.stash;
  if (ctx.stash.answer || !matched || !matchedMac) runtime.earlyReturn(ctx.prev.result);
  const { tableName, retentionSeconds } = readOtpConfig(ctx.env);
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      {
        table: tableName,
        operation: 'UpdateItem',
        key: sessionKey(sessionId),
        update: {
          expression: 'SET #status = :verified, verifiedAt = :nowIso, expiresAt = :retainUntil',
          expressionNames: { '#status': 'status' },
          expressionValues: {
            ':verified': { S: VERIFIED_STATUS },
            ':nowIso': { S: nowIso },
            ':retainUntil': { N: nowSeconds + retentionSeconds },
          },
        },
        condition: {
          expression: '#status = :pending AND expiresAt > :now AND attribute_exists(codes.#code)',
          expressionNames: { '#status': 'status', '#code': matchedMac },
          expressionValues: { ':pending': { S: PENDING_STATUS }, ':now': { N: nowSeconds } },
          returnValuesOnConditionCheckFailure: true,
        },
      },
      notLocked(tableName, mailbox ?? '', nowSeconds),
    ],
  };
}

export function response(
  ctx: Context<MutationVerifyOtpArgs, VerifyOtpStash, undefined, undefined, TransactWriteResult<SessionItem> | null>,
): VerifyOtpResult {
  const { maxAttempts } = readOtpConfig(ctx.env);
  const answer = verifyAnswer(ctx.result, ctx.stash.nowSeconds, maxAttempts);
  // Any other failure (a conflicting transaction, throttling) is not an answer about the code: never VERIFIED.
  if (!answer) util.error(ctx.error?.message ?? 'The code could not be checked.', ctx.error?.type ?? 'InternalFailure');
  ctx.stash.answer = answer;
  return answer;
}

function verifyAnswer(
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
