/**
 * The session item and the rules that turn it into API answers. Pure: the resolvers pass in the item, the current
 * time and the configured attempt limit.
 */
import type { SessionState, VerificationStatus, VerifyOtpResult } from '../generated/schema.ts';

/** Partition-key prefix of session items. */
export const SESSION_KEY_PREFIX = 'SESSION#';

/** Status stored on the item; LOCKED and EXPIRED are derived from attempts and expiresAt. */
export type StoredStatus = 'PENDING' | 'VERIFIED';

/** A session item as AppSync hands it to resolvers (DynamoDB types already converted to JSON). */
export interface SessionItem {
  pk: string;
  sessionId: string;
  /** Trimmed and lower-cased. */
  email: string;
  status: StoredStatus;
  attempts: number;
  /** ISO-8601. */
  createdAt: string;
  /** Epoch seconds: end of the code's lifetime, or of the retention once verified. Also the TTL attribute. */
  expiresAt: number;
  /** HMAC-SHA-256(OTP_HMAC_SECRET, sessionId + code), written by the email Lambda. */
  codeHash?: string;
  emailedAt?: string;
  verifiedAt?: string;
}

/** The partition key value of a session. */
export function sessionPk(sessionId: string): string {
  return `${SESSION_KEY_PREFIX}${sessionId}`;
}

/**
 * A session's state for `Query.verification`. VERIFIED wins over everything (a verified session stays verified
 * until it is deleted); then LOCKED (attempts used up); then EXPIRED (the item may outlive expiresAt until TTL
 * deletion, so the time is checked here); otherwise PENDING.
 */
export function sessionState(
  session: Pick<SessionItem, 'status' | 'attempts' | 'expiresAt'>,
  nowSeconds: number,
  maxAttempts: number,
): SessionState {
  if (session.status === 'VERIFIED') return 'VERIFIED';
  if (session.attempts >= maxAttempts) return 'LOCKED';
  if (session.expiresAt <= nowSeconds) return 'EXPIRED';
  return 'PENDING';
}

/**
 * The answer to a right code. A verified session accepts no further attempts, so `attemptsRemaining` is 0.
 */
export function verifiedAnswer(): VerifyOtpResult {
  return { verified: true, status: 'VERIFIED', attemptsRemaining: 0 };
}

/** The answer for a session that can no longer be verified: no attempt remains. */
export function refusedAnswer(status: Exclude<VerificationStatus, 'VERIFIED' | 'INVALID_CODE'>): VerifyOtpResult {
  return { verified: false, status, attemptsRemaining: 0 };
}

/**
 * Why the verifying write's condition failed, from the item as it was (null when there is no item). Returns the
 * answer to give, or null when the session was open and only the code was wrong, so the attempt must be counted.
 *
 * No item is EXPIRED: a session is only ever removed by TTL after it expired, and an id that never existed must not
 * be told apart from one that did.
 */
export function classifyRejectedCode(
  session: Pick<SessionItem, 'status' | 'attempts' | 'expiresAt'> | null | undefined,
  nowSeconds: number,
  maxAttempts: number,
): VerifyOtpResult | null {
  if (!session) return refusedAnswer('EXPIRED');
  if (session.status === 'VERIFIED') return refusedAnswer('ALREADY_USED');
  if (session.attempts >= maxAttempts) return refusedAnswer('LOCKED');
  if (session.expiresAt <= nowSeconds) return refusedAnswer('EXPIRED');
  return null;
}

/** The answer after a wrong code was counted; `attemptsAfter` includes this attempt. The last one locks. */
export function wrongCodeAnswer(attemptsAfter: number, maxAttempts: number): VerifyOtpResult {
  const attemptsRemaining = Math.max(0, maxAttempts - attemptsAfter);
  return { verified: false, status: attemptsRemaining === 0 ? 'LOCKED' : 'INVALID_CODE', attemptsRemaining };
}
