/**
 * Mutation.verifyOtp (pipeline). Every attempt is counted before its code is checked, and every write is
 * conditional, so concurrent requests stay correct without locks:
 *   1-countAttempt          counts the attempt (open session, attempts left, a code sent), hands on the stored codes;
 *   2..4-checkCode          KMS VerifyMac of the code against the next stored code, with the key that code names;
 *   5-verifySession         right code: marks the session VERIFIED unless its mailbox is locked or the code is gone;
 *   6-countMailboxFailure   wrong code: counts it against the mailbox's failure budget;
 *   7-lockMailbox           the failure that used up the budget: locks the mailbox;
 *   9-signToken             VERIFIED: signs the verification token with KMS (one Sign request) and adds it.
 * DynamoDB requests: right code 2, wrong code 2 (3 at or past the failure budget), a closed session 2 (the refused
 * count and AppSync's read of the item after a failed condition), bad input none. KMS VerifyMac requests: one per
 * stored code checked until one matches (a session has one code, up to MAX_CODES_PER_SESSION after a redelivered
 * stream record); none for a closed session or bad input.
 *
 * Why one check step per stored code: a pipeline function calls its data source once, and APPSYNC_JS has no loops
 * over requests, so N codes take N steps. AppSync's documentation does not say whether one function may appear twice
 * in a pipeline, so the build lists `2..4-checkCode.[kms].ts` once per position and the construct deploys it as three
 * functions of the same code (test: infra/lib/otp-service.test.ts ties their number to MAX_CODES_PER_SESSION). Steps
 * after a match, or past the last stored code, skip their data source. Pipelines allow at most 10 functions; this one
 * has 8 with 9-signToken.
 *
 * Answers (VerifyOtpResult): VERIFIED (attemptsRemaining 0: a verified session accepts no more attempts),
 * INVALID_CODE (attemptsRemaining left), LOCKED (attempts used up, or the mailbox locked), EXPIRED (past expiresAt,
 * or no such session), ALREADY_USED (verified before). Malformed arguments are a `BadRequest` error; any failure to
 * count, to check or to write is an error, never VERIFIED. The code is never stored, logged or echoed: it goes only
 * to KMS, inside the VerifyMac message (the API logs no request bodies), and the stash holds stored MACs only.
 */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationVerifyOtpArgs, VerifyOtpResult } from '../generated/schema.ts';
import { normalizeCode, normalizeSessionId } from '../lib/input.ts';
import { epochMillisToIso } from '../lib/time.ts';
import type { VerifyOtpStash } from '../lib/verify-otp-stash.ts';

export function request(ctx: Context<MutationVerifyOtpArgs, VerifyOtpStash>): Record<string, never> {
  const code = normalizeCode(ctx.args.code);
  if (code === null) util.error('The code must be 4 to 10 digits.', 'BadRequest');
  const sessionId = normalizeSessionId(ctx.args.sessionId);
  if (sessionId === null) util.error('The session id is not valid.', 'BadRequest');

  const nowMillis = util.time.nowEpochMilliSeconds();
  ctx.stash.sessionId = sessionId;
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
