/**
 * verifyOtp step 7, only for a failure at or past the mailbox's failure budget: lock the mailbox (or lengthen its
 * lock). The lock only ever grows, so concurrent failures cannot shorten each other's.
 */
import { runtime, util, type Context, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import type { MutationVerifyOtpArgs, VerifyOtpResult } from '../generated/schema.ts';
import { lockMailbox, readFailureBudget } from '../lib/mailbox-guard.ts';
import { CONDITION_FAILED_ERROR } from '../lib/transact.ts';
import type { VerifyOtpStash } from '../lib/verify-otp-stash.ts';

export function request(ctx: Context<MutationVerifyOtpArgs, VerifyOtpStash>): DynamoDBUpdateItemRequest {
  const { lockUntil, mailbox, nowSeconds } = ctx.stash;
  if (!lockUntil) runtime.earlyReturn(ctx.prev.result);
  return lockMailbox(mailbox ?? '', lockUntil, nowSeconds, readFailureBudget(ctx.env));
}

export function response(ctx: Context<MutationVerifyOtpArgs, VerifyOtpStash>): VerifyOtpResult | undefined {
  // A false condition means a concurrent failure already set a later lock: the mailbox is locked either way.
  if (ctx.error && ctx.error.type !== CONDITION_FAILED_ERROR) util.error(ctx.error.message, ctx.error.type);
  return ctx.stash.answer;
}
