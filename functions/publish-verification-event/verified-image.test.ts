import { describe, expect, it } from 'vitest';
import { sessionImage } from '../../test/fixtures/functions/publish-verification-event/stream-records.ts';
import { verifiedEventOf } from './verified-image.ts';

describe('verifiedEventOf', () => {
  it('reads sessionId, email and verifiedAt of a session that became VERIFIED', () => {
    expect(verifiedEventOf(sessionImage(), sessionImage({ status: { S: 'PENDING' } }))).toEqual({
      sessionId: '6f1c0c8e-0000-4000-8000-000000000001',
      email: 'user@example.com',
      verifiedAt: '2026-11-25T12:01:00.000Z',
    });
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
