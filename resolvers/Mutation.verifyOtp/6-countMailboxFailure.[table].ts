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
import { countFailure, failuresNow, lockedUntil, lockoutFor, readFailureBudget } from '../lib/mailbox-guard.ts';
import { refusedAnswer, wrongCodeAnswer } from '../lib/session.ts';
import type { VerifyOtpStash } from '../lib/verify-otp-stash.ts';

export function request(ctx: Context<MutationVerifyOtpArgs, VerifyOtpStash>): DynamoDBUpdateItemRequest {
  if (ctx.stash.answer || ctx.stash.matched !== false) runtime.earlyReturn(ctx.prev.result);
  return countFailure(ctx.stash.mailbox ?? '', ctx.stash.nowSeconds, readFailureBudget(ctx.env));
}

export function response(
  ctx: Context<MutationVerifyOtpArgs, VerifyOtpStash, undefined, undefined, GuardItem | null>,
): VerifyOtpResult {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const { nowSeconds, attemptsAfter } = ctx.stash;
  const limits = readFailureBudget(ctx.env);
  const lockout = lockoutFor(failuresNow(ctx.result, nowSeconds, limits), limits);
  const lockedTill = lockedUntil(ctx.result, nowSeconds);
  if (lockout > 0 && nowSeconds + lockout > (lockedTill ?? 0)) ctx.stash.lockUntil = nowSeconds + lockout;
  const { maxAttempts } = readOtpConfig(ctx.env);
  const answer =
    lockout > 0 || lockedTill !== null ? refusedAnswer('LOCKED') : wrongCodeAnswer(attemptsAfter ?? maxAttempts, maxAttempts);
  ctx.stash.answer = answer;
  return answer;
}
