/**
 * verifyOtp's last step, only for a VERIFIED answer: sign the verification token with KMS (Sign, ECDSA_SHA_256, the
 * key in OTP_TOKEN_KEY_ID) through the `kms` HTTP data source, and add it to the answer. The private key never leaves
 * KMS; the token's claims come from the session the earlier steps read and from this request.
 *
 * Fails closed: when the token cannot be made (no key configured, no issuer, KMS refused or failed, a malformed
 * signature) the answer stays VERIFIED — the session is verified in the table, and a retry would answer ALREADY_USED
 * — with `token` null and an error of errorType TokenUnavailable beside it (AppSync returns the data and the error).
 * A relying party that needs the token then starts over with a new code; one that looks sessions up by id
 * (`verification`, IAM) can still use the session.
 */
import { runtime, util, type Context, type HTTPRequest, type HTTPResult } from '@aws-appsync/utils';
import { TOKEN_UNAVAILABLE_ERROR } from '../../infra/model/index.ts';
import type { MutationVerifyOtpArgs, VerifyOtpResult } from '../generated/schema.ts';
import { compactJws, jwsSigningInput, signingInputMessage } from '../lib/jws.ts';
import { kmsSignRequest, readKmsSignature } from '../lib/kms-sign.ts';
import { tokenClaims, tokenHeader } from '../lib/token-claims.ts';
import { readTokenConfig } from '../lib/token-config.ts';
import { issuerOf } from '../lib/token-issuer.ts';
import type { VerifyOtpStash } from '../lib/verify-otp-stash.ts';

/** The message of the error beside a VERIFIED answer without a token; the reason goes to the logs only. */
const UNAVAILABLE_MESSAGE = 'The code was verified, but the verification token could not be issued.';

export function request(ctx: Context<MutationVerifyOtpArgs, VerifyOtpStash>): HTTPRequest<string> {
  const { answer, email, phoneNumber, sessionId, nowSeconds } = ctx.stash;
  if (answer?.status !== 'VERIFIED') runtime.earlyReturn(ctx.prev.result);
  const config = readTokenConfig(ctx.env);
  const issuer = issuerOf(ctx.request.headers.host);
  const audience = ctx.stash.audience ?? config.defaultAudience;
  if (!config.keyId || !issuer || !(email || phoneNumber) || !audience) {
    console.error('verifyOtp token: not signed, missing', !config.keyId ? 'key id' : !issuer ? 'issuer (host)' : 'destination or audience');
    util.appendError(UNAVAILABLE_MESSAGE, TOKEN_UNAVAILABLE_ERROR);
    runtime.earlyReturn(ctx.prev.result);
  }
  const claims = tokenClaims({
    issuer,
    destination: email ? { email } : { phoneNumber: phoneNumber ?? '' },
    userSub: ctx.stash.userSub,
    sessionId,
    audience,
    nowSeconds,
    lifetimeSeconds: config.lifetimeSeconds,
    tokenId: util.autoId(),
  });
  const signingInput = jwsSigningInput(tokenHeader(config.keyId), claims);
  ctx.stash.tokenSigningInput = signingInput;
  return kmsSignRequest(config.keyId, signingInputMessage(signingInput));
}

export function response(
  ctx: Context<MutationVerifyOtpArgs, VerifyOtpStash, undefined, undefined, HTTPResult | null>,
): VerifyOtpResult | undefined {
  const answer = ctx.stash.answer;
  const signed = ctx.error ? { ok: false as const, reason: `${ctx.error.type}: ${ctx.error.message}` } : readKmsSignature(ctx.result);
  if (!signed.ok || !answer || !ctx.stash.tokenSigningInput) {
    console.error('verifyOtp token: not signed,', signed.ok ? 'no signing input' : signed.reason);
    util.appendError(UNAVAILABLE_MESSAGE, TOKEN_UNAVAILABLE_ERROR);
    return answer;
  }
  const withToken = { ...answer, token: compactJws(ctx.stash.tokenSigningInput, signed.signature) };
  ctx.stash.answer = withToken;
  return withToken;
}
