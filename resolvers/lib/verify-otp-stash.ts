/** What the steps of the `Mutation.verifyOtp` pipeline share through `ctx.stash`. Never holds the code itself. */
import type { VerifyOtpResult } from '../generated/schema.ts';

export interface VerifyOtpStash {
  /** Lower-cased, validated UUID. */
  sessionId: string;
  /** HMAC-SHA-256(OTP_HMAC_SECRET, sessionId + normalized code), compared with the stored codeHash by DynamoDB. */
  codeHash: string;
  /** One clock reading for the whole request. */
  nowSeconds: number;
  nowIso: string;
  /** Set once the answer is known; later steps then do no further writes. */
  answer?: VerifyOtpResult;
  /** Attempts on the item when the code was found wrong (before counting this one). */
  seenAttempts?: number;
}
