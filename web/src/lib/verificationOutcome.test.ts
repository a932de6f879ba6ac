import { describe, expect, it } from 'vitest';
import type { VerificationStatus } from '../../../infra/documents/generated/graphql.ts';
import { describeVerification } from './verificationOutcome.ts';

describe('describeVerification', () => {
  it('ends the flow on VERIFIED', () => {
    expect(describeVerification({ status: 'VERIFIED', attemptsRemaining: 0 })).toEqual({
      status: 'VERIFIED',
      next: 'verified',
      message: { key: 'verification.verified' },
    });
  });

  it('says a phone number was verified for an SMS session, and keeps the other outcomes alike', () => {
    expect(describeVerification({ status: 'VERIFIED', attemptsRemaining: 0 }, 'SMS').message).toEqual({ key: 'verification.verifiedPhone' });
    expect(describeVerification({ status: 'VERIFIED', attemptsRemaining: 0 }, 'EMAIL').message).toEqual({ key: 'verification.verified' });
    expect(describeVerification({ status: 'INVALID_CODE', attemptsRemaining: 2 }, 'SMS')).toEqual(
      describeVerification({ status: 'INVALID_CODE', attemptsRemaining: 2 }),
    );
  });

  it('lets the person retry a wrong code and counts the attempts left (the plural form follows the count)', () => {
    expect(describeVerification({ status: 'INVALID_CODE', attemptsRemaining: 3 })).toEqual({
      status: 'INVALID_CODE',
      next: 'retry',
      message: { key: 'verification.invalidCode', count: 3 },
    });
    expect(describeVerification({ status: 'INVALID_CODE', attemptsRemaining: 1 }).message).toEqual({
      key: 'verification.invalidCode',
      count: 1,
    });
  });

  it.each<[VerificationStatus, string]>([
    ['EXPIRED', 'verification.expired'],
    ['LOCKED', 'verification.locked'],
    ['ALREADY_USED', 'verification.alreadyUsed'],
  ])('offers a new code on %s', (status, key) => {
    expect(describeVerification({ status, attemptsRemaining: 0 })).toEqual({ status, next: 'new-code', message: { key } });
  });
});
