import { describe, expect, it } from 'vitest';
import { sessionMetadata } from './challenge.ts';
import { defineDecision, passwordProven, type ChallengeResult } from './define-decision.ts';

const MAX = 5;
const SESSION = '6f1c0000-0000-4000-8000-000000000000';
const srp: ChallengeResult[] = [
  { challengeName: 'SRP_A', challengeResult: true },
  { challengeName: 'PASSWORD_VERIFIER', challengeResult: true },
];
const answer = (right: boolean): ChallengeResult => ({ challengeName: 'CUSTOM_CHALLENGE', challengeResult: right, challengeMetadata: sessionMetadata(SESSION) });

describe('defineDecision', () => {
  it('starts passwordless with the code, and MFA with the password, each only where the flow allows it', () => {
    expect(defineDecision([], 'passwordless', MAX)).toEqual({ kind: 'challenge', challengeName: 'CUSTOM_CHALLENGE' });
    expect(defineDecision([], 'either', MAX)).toEqual({ kind: 'challenge', challengeName: 'CUSTOM_CHALLENGE' });
    expect(defineDecision([], 'mfa', MAX)).toMatchObject({ kind: 'fail' });
    expect(defineDecision(srp.slice(0, 1), 'mfa', MAX)).toEqual({ kind: 'challenge', challengeName: 'PASSWORD_VERIFIER' });
    expect(defineDecision(srp.slice(0, 1), 'either', MAX)).toEqual({ kind: 'challenge', challengeName: 'PASSWORD_VERIFIER' });
    expect(defineDecision(srp.slice(0, 1), 'passwordless', MAX)).toMatchObject({ kind: 'fail' });
    expect(defineDecision(srp, 'mfa', MAX)).toEqual({ kind: 'challenge', challengeName: 'CUSTOM_CHALLENGE' });
  });

  it('issues tokens only right after a right answer to the code, never after the password alone', () => {
    expect(defineDecision([answer(true)], 'passwordless', MAX)).toEqual({ kind: 'issueTokens' });
    expect(defineDecision([...srp, answer(false), answer(true)], 'mfa', MAX)).toEqual({ kind: 'issueTokens' });
    expect(defineDecision(srp, 'either', MAX).kind).not.toBe('issueTokens');
    // A passed password step with the code still to come is never enough, however the history is arranged.
    expect(defineDecision([{ challengeName: 'PASSWORD_VERIFIER', challengeResult: true }], 'either', MAX).kind).not.toBe('issueTokens');
    expect(defineDecision([...srp, srp[1]!], 'either', MAX)).toMatchObject({ kind: 'fail' });
  });

  it('fails a sign-in whose password step failed, or with a challenge that is not ours', () => {
    expect(defineDecision([{ challengeName: 'SRP_A', challengeResult: true }, { challengeName: 'PASSWORD_VERIFIER', challengeResult: false }], 'mfa', MAX)).toMatchObject({ kind: 'fail' });
    expect(defineDecision([{ challengeName: 'SRP_A', challengeResult: false }], 'mfa', MAX)).toMatchObject({ kind: 'fail' });
    expect(defineDecision([answer(false), { challengeName: 'SMS_MFA', challengeResult: true }], 'passwordless', MAX)).toMatchObject({ kind: 'fail' });
  });

  it('goes on after a wrong answer only if the session is open, and never past the attempt limit', () => {
    expect(defineDecision([answer(false)], 'passwordless', MAX)).toEqual({ kind: 'challengeIfOpen', sessionId: SESSION });
    const wrong = Array.from({ length: MAX - 1 }, () => answer(false));
    expect(defineDecision(wrong, 'passwordless', MAX)).toEqual({ kind: 'challengeIfOpen', sessionId: SESSION });
    expect(defineDecision([...wrong, answer(false)], 'passwordless', MAX)).toMatchObject({ kind: 'fail' });
    expect(defineDecision([...srp, ...wrong, answer(false)], 'mfa', MAX)).toMatchObject({ kind: 'fail' });
    // No session named (a user that does not exist): the same number of answers.
    expect(defineDecision([{ challengeName: 'CUSTOM_CHALLENGE', challengeResult: false, challengeMetadata: null }], 'either', MAX)).toEqual({ kind: 'challengeIfOpen', sessionId: null });
  });
});

describe('passwordProven', () => {
  it('is true only after a passed PASSWORD_VERIFIER step: a refused send is told only to whoever proved the password', () => {
    expect(passwordProven([])).toBe(false);
    expect(passwordProven(srp.slice(0, 1))).toBe(false);
    expect(passwordProven([srp[0]!, { challengeName: 'PASSWORD_VERIFIER', challengeResult: false }])).toBe(false);
    expect(passwordProven([answer(false), answer(false)])).toBe(false);
    expect(passwordProven(srp)).toBe(true);
    expect(passwordProven([...srp, answer(false)])).toBe(true);
  });
});
