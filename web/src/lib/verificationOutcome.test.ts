import { describe, expect, it } from 'vitest';
import type { VerificationStatus } from '../../../infra/documents/generated/graphql.ts';
import { describeVerification } from './verificationOutcome.ts';

describe('describeVerification', () => {
  it('ends the flow on VERIFIED', () => {
    expect(describeVerification({ status: 'VERIFIED', attemptsRemaining: 0 })).toEqual({
      status: 'VERIFIED',
      next: 'verified',
      message: 'Your email address is verified.',
    });
  });

  it('lets the person retry a wrong code and counts the attempts left', () => {
    const outcome = describeVerification({ status: 'INVALID_CODE', attemptsRemaining: 3 });
    expect(outcome.next).toBe('retry');
    expect(outcome.message).toBe('That code is not right. 3 attempts remaining.');
  });

  it('uses the singular for the last attempt', () => {
    expect(describeVerification({ status: 'INVALID_CODE', attemptsRemaining: 1 }).message).toBe(
      'That code is not right. 1 attempt remaining.',
    );
  });

  it.each<[VerificationStatus, string]>([
    ['EXPIRED', 'expired'],
    ['LOCKED', 'Too many wrong codes'],
    ['ALREADY_USED', 'already been used'],
  ])('offers a new code on %s', (status, wording) => {
    const outcome = describeVerification({ status, attemptsRemaining: 0 });
    expect(outcome.next).toBe('new-code');
    expect(outcome.message).toContain(wording);
  });
});
