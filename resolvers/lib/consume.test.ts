import { describe, expect, it } from 'vitest';
import { consumeRefusal, consumeWrite, isConsumedBy } from './consume.ts';

describe('consumeWrite', () => {
  it('moves only a VERIFIED, unexpired session to CONSUMED, with when and by which request', () => {
    const write = consumeWrite({ consumeId: 'req-1', consumedAt: '2026-01-01T00:00:00.000Z', nowSeconds: 100 });
    expect(write.condition).toEqual({
      expression: 'attribute_exists(pk) AND #status = :verified AND expiresAt > :now AND attribute_not_exists(#purpose)',
      expressionNames: { '#status': 'status', '#purpose': 'purpose' },
      expressionValues: { ':verified': { S: 'VERIFIED' }, ':now': { N: 100 } },
    });
    expect(write.update.expression).toBe('SET #status = :consumed, #consumedAt = :consumedAt, #consumeId = :consumeId');
    expect(write.update.expressionNames).toEqual({ '#status': 'status', '#consumedAt': 'consumedAt', '#consumeId': 'consumeId' });
    expect(write.update.expressionValues).toEqual({
      ':consumed': { S: 'CONSUMED' },
      ':consumedAt': { S: '2026-01-01T00:00:00.000Z' },
      ':consumeId': { S: 'req-1' },
    });
  });
});

describe('isConsumedBy', () => {
  it('accepts only a session this very request consumed', () => {
    expect(isConsumedBy({ status: 'CONSUMED', consumeId: 'req-1' }, 'req-1')).toBe(true);
    expect(isConsumedBy({ status: 'CONSUMED', consumeId: 'req-0' }, 'req-1')).toBe(false);
    expect(isConsumedBy({ status: 'VERIFIED' }, 'req-1')).toBe(false);
    expect(isConsumedBy(null, 'req-1')).toBe(false);
  });
});

describe('consumeRefusal', () => {
  it.each([
    ['a consumed session', { status: 'CONSUMED' as const }, 'AlreadyConsumed'],
    ['a verified session (so past its retention)', { status: 'VERIFIED' as const }, 'VerificationExpired'],
    ['a pending (or locked, or expired) session', { status: 'PENDING' as const }, 'NotVerified'],
    ['no session', null, 'NotVerified'],
    ['a verified sign-in session (as if there were none)', { status: 'VERIFIED' as const, purpose: 'COGNITO_SIGN_IN' as const }, 'NotVerified'],
  ])('refuses %s with %s', (_label, session, errorType) => {
    expect(consumeRefusal(session).errorType).toBe(errorType);
  });
});
