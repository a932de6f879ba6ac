/** What the steps of the `Mutation.verifyOtp` pipeline share through `ctx.stash`. Never holds the code itself. */
import type { VerifyOtpResult } from '../generated/schema.ts';

export interface VerifyOtpStash {
  /** Lower-cased, validated UUID. */
  sessionId: string;
  /** HMAC-SHA-256(OTP_HMAC_SECRET, sessionId + normalized code), compared with the session's code hashes. */
  codeHash: string;
  /** One clock reading for the whole request. */
  nowSeconds: number;
  nowIso: string;
  /** Set once the answer is known; later steps then do no further writes. */
  answer?: VerifyOtpResult;
  /** Set by 1-countAttempt once the attempt is counted: whether its code is one of the session's. */
  matched?: boolean;
  /** The session's canonical mailbox, whose failure budget a wrong code counts against. */
  mailbox?: string;
  /** The session's attempts including this one. */
  attemptsAfter?: number;
  /** Set by 3-countMailboxFailure when this failure used up the budget: lock the mailbox until then. */
  lockUntil?: number;
}
