import { describe, expect, it } from 'vitest';
import { verifiedEventFor } from './verified-event.ts';

const sessionId = '6f1c0c8e-0000-4000-8000-000000000001';
const verifiedAt = '2026-11-25T12:01:00.000Z';
type Session = NonNullable<Parameters<typeof verifiedEventFor>[0]>;
const emailSession: Session = { sessionId, status: 'VERIFIED', verifiedAt, email: 'bob+1@example.com' };
// SMS sessions have no email attribute (SessionItem types it as required for the email code paths).
const smsSession: Session = { sessionId, status: 'VERIFIED', verifiedAt, email: undefined as unknown as string, channel: 'SMS', phoneNumber: '+447400123456' };
/** The publisher's arguments carry a forged time: the event takes the stored one. */
const forgedTime = '2000-01-01T00:00:00.000Z';

describe('verifiedEventFor', () => {
  it('answers an email session as stored: its normalized address, no number, its own verifiedAt', () => {
    expect(verifiedEventFor(emailSession, { sessionId, email: ' Bob+1@Example.com ', verifiedAt: forgedTime })).toEqual({
      sessionId,
      email: 'bob+1@example.com',
      phoneNumber: null,
      verifiedAt,
    });
    expect(verifiedEventFor({ ...emailSession, status: 'CONSUMED' }, { sessionId, email: 'bob+1@example.com', verifiedAt })).not.toBeNull();
  });

  it('answers an SMS session with its E.164 number and email null', () => {
    expect(verifiedEventFor(smsSession, { sessionId, phoneNumber: '+447400123456', email: null, verifiedAt: forgedTime })).toEqual({
      sessionId,
      email: null,
      phoneNumber: '+447400123456',
      verifiedAt,
    });
  });

  it('refuses sessions that were not verified, and requests that do not name what the session proved, exactly once', () => {
    const refused: [string, Parameters<typeof verifiedEventFor>[0], Parameters<typeof verifiedEventFor>[1]][] = [
      ['no session', null, { sessionId, email: 'bob+1@example.com', verifiedAt }],
      ['pending', { ...emailSession, status: 'PENDING' }, { sessionId, email: 'bob+1@example.com', verifiedAt }],
      ['an SMS session still pending', { ...smsSession, status: 'PENDING' }, { sessionId, phoneNumber: '+447400123456', verifiedAt }],
      ['no verifiedAt', { ...emailSession, verifiedAt: undefined }, { sessionId, email: 'bob+1@example.com', verifiedAt }],
      ['another address', emailSession, { sessionId, email: 'mallory@example.com', verifiedAt }],
      ['another number', smsSession, { sessionId, phoneNumber: '+447400123457', verifiedAt }],
      ['the number formatted otherwise', smsSession, { sessionId, phoneNumber: '+44 7400 123456', verifiedAt }],
      ['neither', emailSession, { sessionId, verifiedAt }],
      ['both, for an email session', emailSession, { sessionId, email: 'bob+1@example.com', phoneNumber: '+447400123456', verifiedAt }],
      ['both, for an SMS session', smsSession, { sessionId, email: 'bob+1@example.com', phoneNumber: '+447400123456', verifiedAt }],
      ['a number for an email session', emailSession, { sessionId, phoneNumber: '+447400123456', verifiedAt }],
      ['an email for an SMS session', smsSession, { sessionId, email: 'bob+1@example.com', verifiedAt }],
      ['an SMS session without its number', { ...smsSession, phoneNumber: undefined }, { sessionId, phoneNumber: '+447400123456', verifiedAt }],
    ];
    for (const [name, session, args] of refused) expect(verifiedEventFor(session, args), name).toBeNull();
  });
});
