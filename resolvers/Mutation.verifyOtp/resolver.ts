/**
 * Mutation.verifyOtp (pipeline). Checks a code against a session with conditional writes only, so concurrent
 * requests stay correct without locks:
 *   1-checkCode          one transactional UpdateItem verifies the session if the code's HMAC matches;
 *   2-countWrongAttempt  only for a wrong code on an open session: counts the attempt.
 * A right code costs one DynamoDB request, a wrong one two; bad input costs none.
 *
 * Answers (VerifyOtpResult): VERIFIED (attemptsRemaining 0: a verified session accepts no more attempts),
 * INVALID_CODE (attemptsRemaining left), LOCKED (attempts used up), EXPIRED (past expiresAt, or no such session),
 * ALREADY_USED (verified before). Malformed arguments are a `BadRequest` error. The code is never stored, logged
 * or echoed: only its HMAC goes to the stash and to DynamoDB.
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

export function response(ctx: Context<MutationVerifyOtpArgs, VerifyOtpStash, { result: VerifyOtpResult }>): VerifyOtpResult {
  return ctx.prev.result;
}
