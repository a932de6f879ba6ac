/**
 * Cognito's sign-in lockout, as its guide describes it: five failed password attempts are allowed; then temporary
 * lockouts start at 1 second and double with each further failure up to about 15 minutes; attempts during a lockout
 * are refused without being checked ("Password attempts exceeded"). A success resets the count.
 */
import { CognitoError } from '../errors.ts';
import type { StoredUser } from '../users.ts';

const FREE_ATTEMPTS = 5;
const MAX_LOCKOUT_MS = 15 * 60 * 1000;

/** @throws CognitoError NotAuthorizedException while the user is locked out. */
export function checkNotLockedOut(user: StoredUser, nowMs: number): void {
  if (user.lockedUntil !== undefined && user.lockedUntil > nowMs) throw new CognitoError('NotAuthorizedException', 'Password attempts exceeded');
}

export function recordFailedPassword(user: StoredUser, nowMs: number): void {
  user.failedSignIns += 1;
  if (user.failedSignIns >= FREE_ATTEMPTS) {
    user.lockedUntil = nowMs + Math.min(1000 * 2 ** (user.failedSignIns - FREE_ATTEMPTS), MAX_LOCKOUT_MS);
  }
}

export function recordGoodPassword(user: StoredUser): void {
  user.failedSignIns = 0;
  delete user.lockedUntil;
}
