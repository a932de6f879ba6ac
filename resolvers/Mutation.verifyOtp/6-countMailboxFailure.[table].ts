/**
 * verifyOtp step 6, for a counted attempt whose code matched none of the session's: count the failure against the
 * mailbox's failure budget (across all its sessions). The write returns the mailbox's guard: while it is locked the
 * answer is LOCKED, as it is for a right code (step 5), so a lock reveals nothing about a guess. A failure at or past
 * the budget asks step 7 to lock the mailbox for `lockoutFor(failures)` from now, so failures during a lock lengthen it.
 */
import { runtime, util, type Context, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import type { GuardItem } from '../../infra/model/index.ts';
import type { MutationVerifyOtpArgs, VerifyOtpResult } from '../generated/schema.ts';
import { readOtpConfig } from '../lib/config.ts';
import { countFailure, readFailureBudget } from '../lib/mailbox-guard.ts';
import { failureOutcome } from '../lib/verify-steps.ts';
import type { VerifyOtpStash } from '../lib/verify-otp-stash.ts';

export function request(ctx: Context<MutationVerifyOtpArgs, VerifyOtpStash>): DynamoDBUpdateItemRequest {
  if (ctx.stash.answer || ctx.stash.matched !== false) runtime.earlyReturn(ctx.prev.result);
  return countFailure(ctx.stash.mailbox ?? '', ctx.stash.nowSeconds, readFailureBudget(ctx.env));
}

export function response(
  ctx: Context<MutationVerifyOtpArgs, VerifyOtpStash, undefined, undefined, GuardItem | null>,
): VerifyOtpResult {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  // lib/verify-steps.ts: the same reading as the Cognito sign-in trigger's.
  const outcome = failureOutcome({
    guard: ctx.result,
    nowSeconds: ctx.stash.nowSeconds,
    limits: readFailureBudget(ctx.env),
    attemptsAfter: ctx.stash.attemptsAfter,
    maxAttempts: readOtpConfig(ctx.env).maxAttempts,
  });
  if (outcome.lockUntil) ctx.stash.lockUntil = outcome.lockUntil;
  ctx.stash.answer = outcome.answer;
  return outcome.answer;
}
