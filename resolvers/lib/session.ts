/**
 * The rules that turn a session item (its shape and key: infra/model) into API answers. Pure: the resolvers pass
 * in the item, the current time and the configured attempt limit.
 */
import { CONSUMED_STATUS, PENDING_STATUS, SMS_CHANNEL, USER_SUB_ATTRIBUTE, VERIFIED_STATUS, type SessionItem } from '../../infra/model/index.ts';
import type { SessionState, Verification, VerificationStatus, VerifyOtpResult } from '../generated/schema.ts';
import { epochMillisToIso } from './time.ts';

type SessionAttributes = Record<string, { S: string } | { N: number } | { M: Record<string, never> }>;

/** What every new session starts with, whatever its channel. */
interface NewSession {
  sessionId: string;
  audience: string;
  /** Canonical BCP 47 tag; left out of the item when absent. */
  locale?: string;
  nowMillis: number;
  expiresAt: number;
}

/** The attributes of a new session, typed for a PutItem: PENDING, no attempts, no code yet. */
export function newSessionAttributes(input: NewSession & { email: string; mailbox: string; userSub?: string }): SessionAttributes {
  return {
    ...pendingAttributes(input, input.mailbox),
    email: { S: input.email },
    // A step-up session (lib/caller.ts): bound to the signed-in user who started it.
    ...(input.userSub ? { [USER_SUB_ATTRIBUTE]: { S: input.userSub } } : {}),
  };
}

/**
 * The attributes of a new SMS session: as an email session's, with the E.164 number instead of the address,
 * `channel: SMS` (the SMS function's stream filter) and the country (its budget's key). `mailbox` is the number too:
 * verifyOtp counts failures on `mailbox`, so the failure budget is per number.
 */
export function newSmsSessionAttributes(input: NewSession & { phoneNumber: string; country: string }): SessionAttributes {
  return {
    ...pendingAttributes(input, input.phoneNumber),
    channel: { S: SMS_CHANNEL },
    phoneNumber: { S: input.phoneNumber },
    country: { S: input.country },
  };
}

/** PENDING, no attempts, and an empty code map, which the sending function adds to (a map path needs the map). */
function pendingAttributes(input: NewSession, mailbox: string): SessionAttributes {
  return {
    ...(input.locale ? { locale: { S: input.locale } } : {}),
    sessionId: { S: input.sessionId },
    mailbox: { S: mailbox },
    audience: { S: input.audience },
    status: { S: PENDING_STATUS },
    attempts: { N: 0 },
    createdAt: { S: epochMillisToIso(input.nowMillis) },
    expiresAt: { N: input.expiresAt },
    codes: { M: {} },
  };
}

/** Whether the session was verified: VERIFIED, or CONSUMED (which only a VERIFIED session becomes). */
export function wasVerified(session: Pick<SessionItem, 'status'>): boolean {
  return session.status === VERIFIED_STATUS || session.status === CONSUMED_STATUS;
}

/**
 * A session's state for `Query.verification`. CONSUMED and VERIFIED win over everything (a verified session stays
 * verified until it is deleted); then LOCKED (attempts used up); then EXPIRED (the item may outlive expiresAt until TTL
 * deletion, so the time is checked here); otherwise PENDING.
 */
export function sessionState(
  session: Pick<SessionItem, 'status' | 'attempts' | 'expiresAt'>,
  nowSeconds: number,
  maxAttempts: number,
): SessionState {
  if (session.status === CONSUMED_STATUS) return 'CONSUMED';
  if (session.status === VERIFIED_STATUS) return 'VERIFIED';
  if (session.attempts >= maxAttempts) return 'LOCKED';
  if (session.expiresAt <= nowSeconds) return 'EXPIRED';
  return 'PENDING';
}

/** A session as `Query.verification` and `consumeVerification` answer it. */
export function verificationOf(
  session: Pick<SessionItem, 'sessionId' | 'email' | 'phoneNumber' | 'status' | 'attempts' | 'expiresAt' | 'verifiedAt' | 'audience' | 'consumedAt' | 'userSub'>,
  nowSeconds: number,
  maxAttempts: number,
): Verification {
  return {
    sessionId: session.sessionId,
    email: session.email ?? null,
    phoneNumber: session.phoneNumber ?? null,
    state: sessionState(session, nowSeconds, maxAttempts),
    verifiedAt: session.verifiedAt ?? null,
    audience: session.audience ?? null,
    consumedAt: session.consumedAt ?? null,
    userSub: session.userSub ?? null,
  };
}

/**
 * The answer to a right code. A verified session accepts no further attempts, so `attemptsRemaining` is 0. The token
 * is added by the pipeline's last step (9-signToken), once signed.
 */
export function verifiedAnswer(): VerifyOtpResult {
  return { verified: true, status: 'VERIFIED', attemptsRemaining: 0, token: null };
}

/** The answer for a session that can no longer be verified: no attempt remains. */
export function refusedAnswer(status: Exclude<VerificationStatus, 'VERIFIED' | 'INVALID_CODE'>): VerifyOtpResult {
  return { verified: false, status, attemptsRemaining: 0, token: null };
}

/**
 * The answer for a session that takes no more attempts, from the item as it is (null when there is none), or null
 * when the session is still open.
 *
 * No item is EXPIRED: a session is only ever removed by TTL after it expired, and an id that never existed must not
 * be told apart from one that did.
 */
export function closedSessionAnswer(
  session: Pick<SessionItem, 'status' | 'attempts' | 'expiresAt'> | null | undefined,
  nowSeconds: number,
  maxAttempts: number,
): VerifyOtpResult | null {
  if (!session) return refusedAnswer('EXPIRED');
  if (wasVerified(session)) return refusedAnswer('ALREADY_USED');
  if (session.attempts >= maxAttempts) return refusedAnswer('LOCKED');
  if (session.expiresAt <= nowSeconds) return refusedAnswer('EXPIRED');
  return null;
}

/**
 * The answer to an attempt that was not counted although the session is open: no code was sent yet (or SES refused
 * the address), so no code can be right, and the user keeps every attempt.
 */
export function uncountedAnswer(session: Pick<SessionItem, 'attempts'>, maxAttempts: number): VerifyOtpResult {
  return { verified: false, status: 'INVALID_CODE', attemptsRemaining: Math.max(0, maxAttempts - session.attempts), token: null };
}

/** The answer after a wrong code was counted; `attemptsAfter` includes this attempt. The last one locks. */
export function wrongCodeAnswer(attemptsAfter: number, maxAttempts: number): VerifyOtpResult {
  const attemptsRemaining = Math.max(0, maxAttempts - attemptsAfter);
  return { verified: false, status: attemptsRemaining === 0 ? 'LOCKED' : 'INVALID_CODE', attemptsRemaining, token: null };
}
