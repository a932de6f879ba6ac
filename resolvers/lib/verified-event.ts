/**
 * What `publishOtpVerified` may announce: only what the stored session proves. Pure, so the resolver stays a read and
 * this rule is unit-tested.
 */
import { SMS_CHANNEL, type SessionItem } from '../../infra/model/index.ts';
import type { MutationPublishOtpVerifiedArgs, OtpVerifiedEvent } from '../generated/schema.ts';
import { normalizeEmail } from './input.ts';
import { wasVerified } from './session.ts';

type StoredSession = Pick<SessionItem, 'sessionId' | 'status' | 'verifiedAt' | 'email' | 'channel' | 'phoneNumber'>;

/**
 * The event for a publish request, read from the stored session, or null when the session does not back it: it must
 * have been verified (VERIFIED, or CONSUMED since), and the request must name exactly one destination, the one the
 * session proved — the (normalized) email of an email session, or the E.164 number of an SMS session as stored.
 *
 * @example verifiedEventFor(session, { sessionId, phoneNumber: '+447400123456', verifiedAt })
 * // { sessionId, email: null, phoneNumber: '+447400123456', verifiedAt: session.verifiedAt }
 */
export function verifiedEventFor(session: StoredSession | null | undefined, args: MutationPublishOtpVerifiedArgs): OtpVerifiedEvent | null {
  if (!session || !wasVerified(session) || !session.verifiedAt) return null;
  const email = args.email ?? null;
  const phoneNumber = args.phoneNumber ?? null;
  if (session.channel === SMS_CHANNEL) {
    if (email !== null || phoneNumber === null || !session.phoneNumber || session.phoneNumber !== phoneNumber) return null;
    return { sessionId: session.sessionId, email: null, phoneNumber: session.phoneNumber, verifiedAt: session.verifiedAt };
  }
  if (phoneNumber !== null || email === null || !session.email || session.email !== normalizeEmail(email)) return null;
  return { sessionId: session.sessionId, email: session.email, phoneNumber: null, verifiedAt: session.verifiedAt };
}
