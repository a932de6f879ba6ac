/**
 * Mutation.verifyOtp (pipeline). Every attempt is counted before its code is compared, and every write is
 * conditional, so concurrent requests stay correct without locks:
 *   1-countAttempt          counts the attempt (open session, attempts left, a code sent) and compares the code;
 *   2-verifySession         right code: marks the session VERIFIED unless its mailbox is locked;
 *   3-countMailboxFailure   wrong code: counts it against the mailbox's failure budget;
 *   4-lockMailbox           the failure that used up the budget: locks the mailbox.
 * DynamoDB requests: right code 2, wrong code 2 (3 at or past the failure budget), a closed session 2 (the refused
 * count and AppSync's read of the item after a failed condition), bad input none.
 *
 * Answers (VerifyOtpResult): VERIFIED (attemptsRemaining 0: a verified session accepts no more attempts),
 * INVALID_CODE (attemptsRemaining left), LOCKED (attempts used up, or the mailbox locked), EXPIRED (past expiresAt,
 * or no such session), ALREADY_USED (verified before). Malformed arguments are a `BadRequest` error; any failure to
 * count or to write is an error, never VERIFIED. The code is never stored, logged or echoed: only its HMAC goes to
 * the stash and to DynamoDB.
 */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationVerifyOtpArgs, VerifyOtpResult } from '../generated/schema.ts';
import { readOtpConfig } from '../lib/config.ts';
import { hmacSha256Hex } from '../lib/hmac.ts';
import { normalizeCode, normalizeSessionId } from '../lib/input.ts';
import { epochMillisToIso } from '../lib/time.ts';
import type { VerifyOtpStash } from '../lib/verify-otp-stash.ts';

export function request(ctx: Context<MutationVerifyOtpArgs, VerifyOtpStash>): Record<string, never> {
  const code = normalizeCode(ctx.args.code);
  if (code === null) util.error('The code must be 4 to 10 digits.', 'BadRequest');
  const sessionId = normalizeSessionId(ctx.args.sessionId);
  if (sessionId === null) util.error('The session id is not valid.', 'BadRequest');
  const { hmacSecret } = readOtpConfig(ctx.env);
  if (!hmacSecret) util.error('The service is not configured to verify codes.', 'InternalFailure');

  const nowMillis = util.time.nowEpochMilliSeconds();
  ctx.stash.sessionId = sessionId;
  ctx.stash.codeHash = hmacSha256Hex(hmacSecret, sessionId + code);
  ctx.stash.nowSeconds = Math.floor(nowMillis / 1000);
  ctx.stash.nowIso = epochMillisToIso(nowMillis);
  return {};
}

export function response(ctx: Context<MutationVerifyOtpArgs, VerifyOtpStash>): VerifyOtpResult {
  // Every step that answers records it in the stash; no answer means a step was skipped or failed: fail closed.
  const answer = ctx.stash.answer;
  if (!answer) util.error('The code could not be checked.', 'InternalFailure');
  return answer;
}
