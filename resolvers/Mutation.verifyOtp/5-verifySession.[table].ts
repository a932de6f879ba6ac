/**
 * verifyOtp step 5, for a counted attempt whose code KMS accepted: mark the session VERIFIED. The write is conditional
 * (still PENDING, unexpired, and the MAC KMS accepted still one of the session's: a code the email function withdrew
 * meanwhile does not verify) and sits in one transaction with a check that the mailbox is not locked by its failure
 * budget, so a lock holds for right codes too. A TransactWriteItems also returns the items whose condition failed,
 * which names the reason without another read.
 */
import { runtime, util, type Context, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import type { SessionItem } from '../../infra/model/index.ts';
import type { MutationVerifyOtpArgs, VerifyOtpResult } from '../generated/schema.ts';
import { readOtpConfig } from '../lib/config.ts';
import type { TransactWriteResult } from '../lib/transact.ts';
import { verifySessionAnswer, verifySessionTransaction } from '../lib/verify-steps.ts';
import type { VerifyOtpStash } from '../lib/verify-otp-stash.ts';

export function request(ctx: Context<MutationVerifyOtpArgs, VerifyOtpStash>): DynamoDBTransactWriteItemsRequest {
  const { sessionId, matched, matchedMac, nowSeconds, nowIso, mailbox } = ctx.stash;
  if (ctx.stash.answer || !matched || !matchedMac) runtime.earlyReturn(ctx.prev.result);
  const { tableName, retentionSeconds } = readOtpConfig(ctx.env);
  // lib/verify-steps.ts: the same write as the Cognito sign-in trigger's.
  return verifySessionTransaction({ tableName, sessionId, matchedMac, mailbox: mailbox ?? '', nowSeconds, nowIso, retentionSeconds });
}

export function response(
  ctx: Context<MutationVerifyOtpArgs, VerifyOtpStash, undefined, undefined, TransactWriteResult<SessionItem> | null>,
): VerifyOtpResult {
  const { maxAttempts } = readOtpConfig(ctx.env);
  const answer = verifySessionAnswer(ctx.result, ctx.stash.nowSeconds, maxAttempts);
  // Any other failure (a conflicting transaction, throttling) is not an answer about the code: never VERIFIED.
  if (!answer) util.error(ctx.error?.message ?? 'The code could not be checked.', ctx.error?.type ?? 'InternalFailure');
  ctx.stash.answer = answer;
  return answer;
}
