/**
 * verifyOtp step 1: verify the session in one conditional write. The condition holds only for an existing, PENDING,
 * unexpired, unlocked session whose stored codeHash equals the HMAC of the submitted code; it also counts the attempt.
 * A TransactWriteItems (of one UpdateItem) is used rather than a plain UpdateItem because only transactions return
 * the item that failed the condition (`returnValuesOnConditionCheckFailure`), which tells a wrong code from an
 * expired, locked or used session without a second read.
 */
import { util, type Context, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import type { MutationVerifyOtpArgs, VerifyOtpResult } from '../generated/schema.ts';
import { readOtpConfig } from '../lib/config.ts';
import { classifyRejectedCode, sessionPk, verifiedAnswer, type SessionItem } from '../lib/session.ts';
import { conditionFailure, type TransactWriteResult } from '../lib/transact.ts';
import type { VerifyOtpStash } from '../lib/verify-otp-stash.ts';

export function request(ctx: Context<MutationVerifyOtpArgs, VerifyOtpStash>): DynamoDBTransactWriteItemsRequest {
  const { tableName, maxAttempts, retentionSeconds } = readOtpConfig(ctx.env);
  const { sessionId, codeHash, nowSeconds, nowIso } = ctx.stash;
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      {
        table: tableName,
        operation: 'UpdateItem',
        key: { pk: { S: sessionPk(sessionId) } },
        update: {
          expression:
            'SET #status = :verified, verifiedAt = :nowIso, expiresAt = :retainUntil, attempts = attempts + :one',
          expressionNames: { '#status': 'status' },
          expressionValues: {
            ':verified': { S: 'VERIFIED' },
            ':nowIso': { S: nowIso },
            ':retainUntil': { N: nowSeconds + retentionSeconds },
            ':one': { N: 1 },
          },
        },
        condition: {
          expression:
            'attribute_exists(pk) AND #status = :pending AND expiresAt > :nowSeconds AND attempts < :max AND codeHash = :hash',
          expressionNames: { '#status': 'status' },
          expressionValues: {
            ':pending': { S: 'PENDING' },
            ':nowSeconds': { N: nowSeconds },
            ':max': { N: maxAttempts },
            ':hash': { S: codeHash },
          },
          returnValuesOnConditionCheckFailure: true,
        },
      },
    ],
  };
}

export function response(
  ctx: Context<MutationVerifyOtpArgs, VerifyOtpStash, undefined, undefined, TransactWriteResult<SessionItem> | null>,
): VerifyOtpResult | null {
  const failure = conditionFailure(ctx.result, 0);
  if (failure) {
    const { maxAttempts } = readOtpConfig(ctx.env);
    const answer = classifyRejectedCode(failure.item, ctx.stash.nowSeconds, maxAttempts);
    // null: the session is open and the code was wrong; step 2 counts the attempt and answers.
    if (answer === null) {
      ctx.stash.seenAttempts = failure.item?.attempts ?? 0;
      return null;
    }
    ctx.stash.answer = answer;
    return answer;
  }
  // Anything else (e.g. a TransactionConflict under concurrent writes, throttling) is not an answer about the code.
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const answer = verifiedAnswer();
  ctx.stash.answer = answer;
  return answer;
}
