import { describe, expect, it } from 'vitest';
import { sessionImage, smsSessionImage } from '../../test/fixtures/functions/publish-verification-event/stream-records.ts';
import { verifiedEventOf } from './verified-image.ts';

describe('verifiedEventOf', () => {
  it('reads sessionId, email and verifiedAt of a session that became VERIFIED', () => {
    expect(verifiedEventOf(sessionImage(), sessionImage({ status: { S: 'PENDING' } }))).toEqual({
      sessionId: '6f1c0c8e-0000-4000-8000-000000000001',
      email: 'user@example.com',
      phoneNumber: null,
      verifiedAt: '2026-11-25T12:01:00.000Z',
    });
  });

  it('reads the phone number of an SMS session that became VERIFIED, with email null', () => {
    expect(verifiedEventOf(smsSessionImage(), smsSessionImage({ status: { S: 'PENDING' } }))).toEqual({
      sessionId: '6f1c0c8e-0000-4000-8000-000000000001',
      email: null,
      phoneNumber: '+447400123456',
      verifiedAt: '2026-11-25T12:01:00.000Z',
    });
  });

  it('publishes nothing for a session that names neither, or both (no half and no mixed event)', () => {
    const { phoneNumber: _phoneNumber, ...smsWithoutNumber } = smsSessionImage();
    expect(verifiedEventOf(smsWithoutNumber)).toBeUndefined();
    // An SMS session never has an email, an email session never a number: an image with both is not trusted.
    expect(verifiedEventOf(smsSessionImage({ email: { S: 'user@example.com' } }))).toBeUndefined();
    expect(verifiedEventOf(sessionImage({ phoneNumber: { S: '+447400123456' } }))).toBeUndefined();
    // An email-channel image (EMAIL, or none as older sessions) reads the email, never the number.
    expect(verifiedEventOf(sessionImage({ channel: { S: 'EMAIL' } }))).toMatchObject({ email: 'user@example.com', phoneNumber: null });
    const { email: _email, ...emailSessionWithoutEmail } = sessionImage();
    expect(verifiedEventOf(emailSessionWithoutEmail)).toBeUndefined();
  });

  it('skips a later write to a verified SMS session (the function recording smsSentAt after a fast verification)', () => {
    expect(verifiedEventOf(smsSessionImage({ smsSentAt: { S: 'x' } }), smsSessionImage())).toBeUndefined();
  });

  it('publishes when the stream carries no old image', () => {
    expect(verifiedEventOf(sessionImage())).toBeDefined();
  });

  it('skips a write to a session that was already verified (no second event)', () => {
    expect(verifiedEventOf(sessionImage({ emailedAt: { S: 'x' } }), sessionImage())).toBeUndefined();
  });

  it('skips other items, other statuses and incomplete images', () => {
    expect(verifiedEventOf(sessionImage({ status: { S: 'PENDING' } }))).toBeUndefined();
    expect(verifiedEventOf(sessionImage({ pk: { S: 'RATE#a@example.com#900' } }))).toBeUndefined();
    const { verifiedAt: _omitted, ...withoutVerifiedAt } = sessionImage();
    expect(verifiedEventOf(withoutVerifiedAt)).toBeUndefined();
    expect(verifiedEventOf(undefined)).toBeUndefined();
  });
});
