/**
 * verifyOtp steps 2 to 4, for a counted attempt: check the code against the session's stored codes with KMS VerifyMac,
 * one stored code per step (a session holds at most MAX_CODES_PER_SESSION = 3, so the construct deploys this file as
 * three pipeline functions, see resolver.ts). Each step asks KMS about the next unchecked code, with the key that code
 * names; a step with nothing left to check (a match was found, every code was checked, or no attempt was counted)
 * skips its data source.
 *
 * KMS answers a mismatch with KMSInvalidMacException: the next step checks the next code, and after the last one the
 * attempt is a wrong code (`matched = false`). Any other answer (throttling, a disabled or unknown key, a denied
 * call, no answer at all) says nothing about the code: the request ends with an InternalFailure error, never
 * VERIFIED. The attempt was counted before, so a failing KMS never gives a guesser more than the attempt limit.
 *
 * The message sent to KMS (base64 of the session id and the code) is built here from the arguments, as each step
 * needs it, and never stored in the stash.
 */
import { runtime, util, type Context, type HTTPRequest, type HTTPResult } from '@aws-appsync/utils';
import { codeMacMessage } from '../../infra/model/index.ts';
import type { MutationVerifyOtpArgs } from '../generated/schema.ts';
import { normalizeCode } from '../lib/input.ts';
import { readVerifyMac, verifyMacRequest } from '../lib/kms-verify-mac.ts';
import type { VerifyOtpStash } from '../lib/verify-otp-stash.ts';

export function request(ctx: Context<MutationVerifyOtpArgs, VerifyOtpStash>): HTTPRequest<string> {
  const { answer, matched, codesToCheck, codesChecked, sessionId } = ctx.stash;
  const next = answer || matched !== undefined ? undefined : codesToCheck?.[codesChecked ?? 0];
  if (!next) runtime.earlyReturn(ctx.prev.result);
  // Validated by the resolver's request handler already; checked again so a code is never guessed from a bad one.
  const code = normalizeCode(ctx.args.code);
  if (code === null) util.error('The code must be 4 to 10 digits.', 'BadRequest');
  return verifyMacRequest(next.keyId, util.base64Encode(codeMacMessage(sessionId, code)), next.mac);
}

export function response(ctx: Context<MutationVerifyOtpArgs, VerifyOtpStash, undefined, undefined, HTTPResult | null>): null {
  const outcome = ctx.error ? { kind: 'failed' as const, reason: ctx.error.type } : readVerifyMac(ctx.result);
  if (outcome.kind === 'failed') {
    console.error('verifyOtp: code not checked,', outcome.reason);
    util.error('The code could not be checked.', 'InternalFailure');
  }
  const codes = ctx.stash.codesToCheck ?? [];
  const checked = ctx.stash.codesChecked ?? 0;
  ctx.stash.codesChecked = checked + 1;
  if (outcome.kind === 'match') {
    ctx.stash.matched = true;
    ctx.stash.matchedMac = codes[checked]?.mac;
  } else if (checked + 1 >= codes.length) {
    ctx.stash.matched = false;
  }
  return null;
}
