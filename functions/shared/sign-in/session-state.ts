/** Whether a sign-in's OTP session still takes answers, by the same rules verifyOtp answers with (resolvers/lib/session.ts). */
import { PENDING_STATUS, SIGN_IN_PURPOSE, type SessionItem } from '../../../infra/model/index.ts';
import { closedSessionAnswer } from '../../../resolvers/lib/session.ts';

/** A sign-in session that is PENDING, unexpired and has attempts left; anything else (or no item) is closed. */
export function isOpenSignInSession(
  session: Pick<SessionItem, 'status' | 'attempts' | 'expiresAt' | 'purpose'> | null | undefined,
  nowSeconds: number,
  maxAttempts: number,
): session is SessionItem {
  return (
    !!session &&
    session.purpose === SIGN_IN_PURPOSE &&
    session.status === PENDING_STATUS &&
    closedSessionAnswer(session, nowSeconds, maxAttempts) === null
  );
}
