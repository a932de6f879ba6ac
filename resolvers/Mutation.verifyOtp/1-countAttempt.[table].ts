/**
 * verifyOtp step 1: count the attempt, so that it can be compared. One conditional UpdateItem adds the attempt to a
 * session that is PENDING, unexpired, has attempts left and has been sent a code; only an attempt counted this way has
 * its code checked (steps 2 to 4, KMS VerifyMac), against the session's stored codes returned by that same write
 * (ALL_NEW). However many requests race, at most `OTP_MAX_ATTEMPTS` codes are ever checked, and a failed or throttled
 * counting write ends the request with an error before any check.
 *
 * A refused count compares nothing. AppSync returns the item as it is on a failed condition, which tells a used,
 * locked or expired session from one that was not sent a code yet (that attempt is not held against the user).
 */
import { util, type Context, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import type { SessionItem } from '../../infra/model/index.ts';
import type { MutationVerifyOtpArgs, VerifyOtpResult } from '../generated/schema.ts';
import { callerSub, mayVerify } from '../lib/caller.ts';
import { readOtpConfig } from '../lib/config.ts';
import { countAttemptRequest } from '../lib/count-attempt.ts';
import { canonicalMailbox } from '../lib/mailbox.ts';
import { closedSessionAnswer, uncountedAnswer } from '../lib/session.ts';
import { codesToCheck } from '../lib/stored-codes.ts';
import { CONDITION_FAILED_ERROR } from '../lib/transact.ts';
import type { VerifyOtpStash } from '../lib/verify-otp-stash.ts';

export function request(ctx: Context<MutationVerifyOtpArgs, VerifyOtpStash>): DynamoDBUpdateItemRequest {
  const { maxAttempts } = readOtpConfig(ctx.env);
  // lib/count-attempt.ts: the same write as the Cognito sign-in trigger's, limited to sessions of the public API, and
  // for a session a signed-in user started (step-up), to that user's requests: nobody else can use up their attempts.
  return countAttemptRequest({
    sessionId: ctx.stash.sessionId,
    nowSeconds: ctx.stash.nowSeconds,
    maxAttempts,
    path: 'api',
    callerSub: callerSub(util.authType(), ctx.identity),
  });
}

export function response(
  ctx: Context<MutationVerifyOtpArgs, VerifyOtpStash, undefined, undefined, SessionItem | null>,
): VerifyOtpResult | null {
  const { maxAttempts } = readOtpConfig(ctx.env);
  if (ctx.error) {
    // Throttling, a transaction holding the item, anything but a false condition: the attempt may not have been
    // counted, so nothing is compared and the caller gets an error.
    if (ctx.error.type !== CONDITION_FAILED_ERROR) util.error(ctx.error.message, ctx.error.type);
    // A sign-in session (lib/count-attempt.ts) is answered as if there were none: the API tells nothing about it.
    const current = ctx.result && !ctx.result.purpose ? ctx.result : null;
    // Another user's step-up session: answered as a wrong code, and nothing was counted.
    const foreign = current !== null && !mayVerify(current, callerSub(util.authType(), ctx.identity));
    const answer = foreign
      ? uncountedAnswer(current, maxAttempts)
      : (closedSessionAnswer(current, ctx.stash.nowSeconds, maxAttempts) ?? uncountedAnswer(current!, maxAttempts));
    ctx.stash.answer = answer;
    return answer;
  }
  const session = ctx.result;
  if (!session) util.error('The attempt could not be counted.', 'InternalFailure');
  ctx.stash.attemptsAfter = session.attempts;
  ctx.stash.mailbox = session.mailbox ?? canonicalMailbox(session.email);
  // For the verification token (9-signToken), should this attempt verify.
  ctx.stash.email = session.email;
  ctx.stash.phoneNumber = session.phoneNumber;
  ctx.stash.audience = session.audience;
  ctx.stash.userSub = session.userSub;
  const codes = codesToCheck(session.codes);
  ctx.stash.codesToCheck = codes;
  ctx.stash.codesChecked = 0;
  // No code that KMS could check (only hashes from before KMS MACs): nothing can match.
  if (codes.length === 0) ctx.stash.matched = false;
  return null;
}
