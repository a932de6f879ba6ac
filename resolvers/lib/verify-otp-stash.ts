/** What the steps of the `Mutation.verifyOtp` pipeline share through `ctx.stash`. Never holds the code itself. */
import type { VerifyOtpResult } from '../generated/schema.ts';
import type { CodeToCheck } from './stored-codes.ts';

export interface VerifyOtpStash {
  /** Lower-cased, validated UUID. */
  sessionId: string;
  /** One clock reading for the whole request. */
  nowSeconds: number;
  nowIso: string;
  /** Set once the answer is known; later steps then do no further writes. */
  answer?: VerifyOtpResult;
  /**
   * Set once the counted attempt's code was checked: true when KMS accepted it for one of the session's codes, false
   * when it matched none of them. Unset while checks remain (or when nothing was counted).
   */
  matched?: boolean;
  /** Set by 1-countAttempt once the attempt is counted: the session's codes (MAC and key), checked in this order. */
  codesToCheck?: CodeToCheck[];
  /** How many of {@link codesToCheck} the checkCode steps have had KMS VerifyMac answer about. */
  codesChecked?: number;
  /** The stored MAC KMS accepted the code for: 5-verifySession's condition requires it still on the session. */
  matchedMac?: string;
  /** The session's canonical mailbox, whose failure budget a wrong code counts against. */
  mailbox?: string;
  /** The session's attempts including this one. */
  attemptsAfter?: number;
  /** Set by 6-countMailboxFailure when this failure used up the budget: lock the mailbox until then. */
  lockUntil?: number;
  /** The session's email (normalized) and audience, from the step that reads the session: the token's claims. */
  email?: string;
  /** An SMS session's E.164 number instead of an email. */
  phoneNumber?: string;
  audience?: string;
  /** A step-up session's user (its `userSub`, lib/caller.ts), from the step that reads the session: the token's `sub`. */
  userSub?: string;
  /** Set by 9-signToken's request: the token's header and claims, encoded; its response appends the signature. */
  tokenSigningInput?: string;
}
