import { describe, expect, it } from 'vitest';
import {
  closedSessionAnswer,
  newSessionAttributes,
  refusedAnswer,
  sessionState,
  uncountedAnswer,
  verifiedAnswer,
  verificationOf,
  wasVerified,
  wrongCodeAnswer,
} from './session.ts';

const NOW = 1_700_000_000;
const MAX = 5;
const open = { status: 'PENDING' as const, attempts: 0, expiresAt: NOW + 300 };

describe('newSessionAttributes', () => {
  it('starts PENDING with no attempts and an empty code map the email function adds to', () => {
    const item = newSessionAttributes({ sessionId: 's', email: 'b.ob+x@gmail.com', mailbox: 'bob@gmail.com', audience: 'shop', nowMillis: 0, expiresAt: 300 });
    expect(item).toEqual({
      sessionId: { S: 's' },
      email: { S: 'b.ob+x@gmail.com' },
      mailbox: { S: 'bob@gmail.com' },
      audience: { S: 'shop' },
      status: { S: 'PENDING' },
      attempts: { N: 0 },
      createdAt: { S: '1970-01-01T00:00:00.000Z' },
      expiresAt: { N: 300 },
      codes: { M: {} },
    });
  });

  it('binds a step-up session to its user, and no other', () => {
    const input = { sessionId: 's', email: 'bob@example.com', mailbox: 'bob@example.com', audience: 'shop', nowMillis: 0, expiresAt: 300 };
    expect(newSessionAttributes({ ...input, userSub: 'user-sub' })).toMatchObject({ userSub: { S: 'user-sub' } });
    expect(newSessionAttributes(input)).not.toHaveProperty('userSub');
  });
});

describe('sessionState', () => {
  it.each([
    ['an open session', open, 'PENDING'],
    ['a verified session', { ...open, status: 'VERIFIED' as const }, 'VERIFIED'],
    ['a verified session past its retention', { ...open, status: 'VERIFIED' as const, expiresAt: NOW - 1 }, 'VERIFIED'],
    ['a consumed session', { ...open, status: 'CONSUMED' as const }, 'CONSUMED'],
    ['a consumed session past its retention', { ...open, status: 'CONSUMED' as const, expiresAt: NOW - 1 }, 'CONSUMED'],
    ['a session with all attempts used', { ...open, attempts: MAX }, 'LOCKED'],
    ['a locked and expired session', { ...open, attempts: MAX, expiresAt: NOW }, 'LOCKED'],
    ['a session at its expiry second', { ...open, expiresAt: NOW }, 'EXPIRED'],
    ['a session one attempt short of the limit', { ...open, attempts: MAX - 1 }, 'PENDING'],
  ])('%s is %s', (_label, session, state) => {
    expect(sessionState(session, NOW, MAX)).toBe(state);
  });
});

describe('verificationOf', () => {
  const session = { ...open, sessionId: 's', email: 'ada@example.org', verifiedAt: undefined };
  it('shows the audience and when the session was verified and consumed, null when not', () => {
    expect(verificationOf(session, NOW, MAX)).toEqual({
      sessionId: 's', email: 'ada@example.org', phoneNumber: null, state: 'PENDING', verifiedAt: null, audience: null, consumedAt: null, userSub: null,
    });
    // A step-up session names the signed-in user who started it.
    expect(verificationOf({ ...session, userSub: 'user-sub' }, NOW, MAX)).toMatchObject({ email: 'ada@example.org', userSub: 'user-sub' });
    const sms = { ...session, email: undefined as unknown as string, phoneNumber: '+447400123456' };
    expect(verificationOf(sms, NOW, MAX)).toMatchObject({ email: null, phoneNumber: '+447400123456' });
    const consumed = { ...session, status: 'CONSUMED' as const, verifiedAt: 'v', consumedAt: 'c', audience: 'shop' };
    expect(verificationOf(consumed, NOW, MAX)).toMatchObject({ state: 'CONSUMED', verifiedAt: 'v', consumedAt: 'c', audience: 'shop' });
  });

  it('counts VERIFIED and CONSUMED, and only those, as verified', () => {
    expect(['PENDING', 'VERIFIED', 'CONSUMED'].map((status) => wasVerified({ status: status as 'PENDING' }))).toEqual([false, true, true]);
  });
});

describe('closedSessionAnswer', () => {
  it.each([
    ['no item', null, refusedAnswer('EXPIRED')],
    ['a verified session', { ...open, status: 'VERIFIED' as const }, refusedAnswer('ALREADY_USED')],
    ['a verified session past expiry', { ...open, status: 'VERIFIED' as const, expiresAt: NOW - 5 }, refusedAnswer('ALREADY_USED')],
    ['a consumed session', { ...open, status: 'CONSUMED' as const }, refusedAnswer('ALREADY_USED')],
    ['a locked session', { ...open, attempts: MAX }, refusedAnswer('LOCKED')],
    ['a locked session past expiry', { ...open, attempts: MAX, expiresAt: NOW - 5 }, refusedAnswer('LOCKED')],
    ['an expired session', { ...open, expiresAt: NOW }, refusedAnswer('EXPIRED')],
  ])('answers %s', (_label, session, answer) => {
    expect(closedSessionAnswer(session, NOW, MAX)).toEqual(answer);
  });

  it('returns null for an open session', () => {
    expect(closedSessionAnswer(open, NOW, MAX)).toBeNull();
    expect(closedSessionAnswer({ ...open, attempts: MAX - 1 }, NOW, MAX)).toBeNull();
  });

  it('leaves every attempt to a user whose attempt came before any code was sent', () => {
    expect(uncountedAnswer({ attempts: 2 }, MAX)).toEqual({ verified: false, status: 'INVALID_CODE', attemptsRemaining: 3, token: null });
  });

  it('never reports attempts left on a refusal', () => {
    for (const status of ['EXPIRED', 'LOCKED', 'ALREADY_USED'] as const) {
      expect(refusedAnswer(status)).toEqual({ verified: false, status, attemptsRemaining: 0, token: null });
    }
  });
});

describe('verifiedAnswer', () => {
  it('reports no attempts remaining: a verified session accepts no more', () => {
    expect(verifiedAnswer()).toEqual({ verified: true, status: 'VERIFIED', attemptsRemaining: 0, token: null });
  });

  it('returns a fresh object each time (the pipeline stores it in the stash)', () => {
    expect(verifiedAnswer()).not.toBe(verifiedAnswer());
  });
});

describe('wrongCodeAnswer', () => {
  it('counts down and locks on the last attempt', () => {
    expect([1, 2, 3, 4, 5].map((attempts) => wrongCodeAnswer(attempts, MAX))).toEqual([
      { verified: false, status: 'INVALID_CODE', attemptsRemaining: 4, token: null },
      { verified: false, status: 'INVALID_CODE', attemptsRemaining: 3, token: null },
      { verified: false, status: 'INVALID_CODE', attemptsRemaining: 2, token: null },
      { verified: false, status: 'INVALID_CODE', attemptsRemaining: 1, token: null },
      { verified: false, status: 'LOCKED', attemptsRemaining: 0, token: null },
    ]);
  });

  it('never reports a negative number', () => {
    expect(wrongCodeAnswer(7, MAX)).toEqual({ verified: false, status: 'LOCKED', attemptsRemaining: 0, token: null });
  });
});
