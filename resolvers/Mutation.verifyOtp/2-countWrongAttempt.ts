/**
 * verifyOtp step 2: count a wrong code. Runs only when step 1 found an open session and a wrong code; otherwise
 * it returns step 1's answer without touching DynamoDB. The condition repeats step 1's checks (minus the code), so
 * attempts never exceed OTP_MAX_ATTEMPTS however many requests race.
 */
import { runtime, util, type Context, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import type { MutationVerifyOtpArgs, VerifyOtpResult } from '../generated/schema.ts';
import { readOtpConfig } from '../lib/config.ts';
import { refusedAnswer, sessionPk, wrongCodeAnswer, type SessionItem } from '../lib/session.ts';
import type { VerifyOtpStash } from '../lib/verify-otp-stash.ts';

/** AppSync's error type for a false condition on a non-transactional write. */
const CONDITION_FAILED_ERROR = 'DynamoDB:ConditionalCheckFailedException';

export function request(ctx: Context<MutationVerifyOtpArgs, VerifyOtpStash>): DynamoDBUpdateItemRequest {
  if (ctx.stash.answer) runtime.earlyReturn(ctx.stash.answer);
  const { maxAttempts } = readOtpConfig(ctx.env);
  const { sessionId, nowSeconds } = ctx.stash;
  return {
    operation: 'UpdateItem',
    key: { pk: { S: sessionPk(sessionId) } },
    update: {
      expression: 'SET attempts = attempts + :one',
      expressionValues: { ':one': { N: 1 } },
    },
    condition: {
      expression: 'attribute_exists(pk) AND #status = :pending AND expiresAt > :nowSeconds AND attempts < :max',
      expressionNames: { '#status': 'status' },
      expressionValues: {
        ':pending': { S: 'PENDING' },
        ':nowSeconds': { N: nowSeconds },
        ':max': { N: maxAttempts },
      },
    },
  };
}

export function response(
  ctx: Context<MutationVerifyOtpArgs, VerifyOtpStash, undefined, undefined, SessionItem | null>,
): VerifyOtpResult {
  // The session changed between the two steps: concurrent wrong codes used up the last attempts, a concurrent right
  // code verified it, or it expired in between. None leaves an attempt for this request, and which one happened
  // would need a further read, so the answer is the closed state that spends no attempt: LOCKED, 0 remaining.
  if (ctx.error?.type === CONDITION_FAILED_ERROR) return refusedAnswer('LOCKED');
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  // UpdateItem returns the item as it is after the update (AppSync's default, ALL_NEW).
  const { maxAttempts } = readOtpConfig(ctx.env);
  return wrongCodeAnswer(ctx.result?.attempts ?? maxAttempts, maxAttempts);
}
