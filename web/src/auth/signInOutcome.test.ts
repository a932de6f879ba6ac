import { describe, expect, it } from 'vitest';
import { describeSignInError, describeSignInOutput, readChallenge, type CodeChallenge } from './signInOutcome.ts';

const PARAMETERS = { expiresAt: '2026-12-06T12:05:00.000Z', codeLength: '8', attemptsRemaining: '5', USERNAME: '7d1c7c2e' };
const challengeStep = (additionalInfo: Record<string, string>) => ({
  isSignedIn: false,
  nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE', additionalInfo },
});
const CHALLENGE: CodeChallenge = { codeLength: 6, expiresAt: '2026-12-06T12:05:00.000Z', attemptsRemaining: 3 };
const BEFORE_EXPIRY = Date.parse('2026-12-06T12:04:59.000Z');
const AFTER_EXPIRY = Date.parse('2026-12-06T12:05:00.000Z');
const REFUSED = { name: 'NotAuthorizedException', message: 'Incorrect username or password.' };

describe('describeSignInOutput', () => {
  it('turns the first code challenge into the code step, with its public parameters', () => {
    expect(describeSignInOutput(challengeStep(PARAMETERS), 6, false)).toEqual({
      kind: 'code',
      challenge: { codeLength: 8, expiresAt: '2026-12-06T12:05:00.000Z', attemptsRemaining: 5 },
    });
  });

  it('reads a challenge after an answered code as a wrong code, with the tries left', () => {
    const step = describeSignInOutput(challengeStep({ ...PARAMETERS, attemptsRemaining: '1' }), 6, true);
    expect(step).toMatchObject({
      kind: 'code',
      challenge: { attemptsRemaining: 1 },
      problem: { errorType: 'INVALID_CODE', message: { key: 'verification.invalidCode', count: 1 }, restart: false },
    });
  });

  it('says "not right" without a number when the trigger does not count tries', () => {
    const step = describeSignInOutput(challengeStep({ expiresAt: PARAMETERS.expiresAt }), 6, true);
    expect(step).toMatchObject({ kind: 'code', problem: { message: { key: 'signIn.wrongCode' } } });
  });

  it('is signed in when Amplify is done', () => {
    expect(describeSignInOutput({ isSignedIn: true, nextStep: { signInStep: 'DONE' } }, 6, true)).toEqual({ kind: 'signedIn' });
  });

  it('refuses steps the pages do not handle, asking to start again', () => {
    expect(describeSignInOutput({ isSignedIn: false, nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED' } }, 6, false)).toEqual({
      kind: 'problem',
      problem: { errorType: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED', message: { key: 'signIn.unsupportedStep' }, restart: true },
    });
  });
});

describe('readChallenge', () => {
  it('falls back to the app\'s code length and leaves out malformed parameters', () => {
    expect(readChallenge({ codeLength: '3', expiresAt: 'soon', attemptsRemaining: '-1' }, 6)).toEqual({
      codeLength: 6,
      expiresAt: null,
      attemptsRemaining: null,
    });
    expect(readChallenge({ codeLength: '11', attemptsRemaining: '2.5' }, 7)).toMatchObject({ codeLength: 7, attemptsRemaining: null });
    expect(readChallenge({ attemptsRemaining: '0' }, 6).attemptsRemaining).toBe(0);
  });
});

describe('describeSignInError', () => {
  it('refuses an exhausted sign-in: the last try was used, the code had not expired', () => {
    const answer = { name: 'answer' as const, challenge: { ...CHALLENGE, attemptsRemaining: 1 }, nowMs: BEFORE_EXPIRY };
    expect(describeSignInError(REFUSED, answer)).toEqual({ errorType: 'NotAuthorizedException', message: { key: 'signIn.attemptsExhausted' }, restart: true });
    expect(describeSignInError(REFUSED, { ...answer, challenge: { ...CHALLENGE, attemptsRemaining: null } }).message.key).toBe('signIn.attemptsExhausted');
  });

  it('refuses an expired code: the refusal came at or after expiresAt, or Cognito\'s session expired', () => {
    expect(describeSignInError(REFUSED, { name: 'answer', challenge: CHALLENGE, nowMs: AFTER_EXPIRY }).message.key).toBe('signIn.expired');
    const sessionExpired = { name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' };
    expect(describeSignInError(sessionExpired, { name: 'answer', challenge: CHALLENGE, nowMs: BEFORE_EXPIRY })).toMatchObject({
      message: { key: 'signIn.expired' },
      restart: true,
    });
  });

  it('does not call a refusal with tries left "exhausted"', () => {
    expect(describeSignInError(REFUSED, { name: 'answer', challenge: CHALLENGE, nowMs: BEFORE_EXPIRY }).message.key).toBe('signIn.refused');
  });

  it('keeps the sign-in after a network failure (try again), at either step', () => {
    const network = { name: 'NetworkError', message: 'A network error has occurred.' };
    expect(describeSignInError(network, { name: 'answer', challenge: CHALLENGE, nowMs: BEFORE_EXPIRY })).toEqual({
      errorType: 'NetworkError',
      message: { key: 'signIn.networkError' },
      restart: false,
    });
    expect(describeSignInError(network, { name: 'start', mode: 'passwordless' }).restart).toBe(false);
  });

  it('says a wrong password (or unknown user) as one, never which', () => {
    for (const name of ['NotAuthorizedException', 'UserNotFoundException']) {
      expect(describeSignInError({ name, message: 'Incorrect username or password.' }, { name: 'start', mode: 'mfa' }).message.key).toBe('signIn.wrongPassword');
    }
    expect(describeSignInError({ name: 'NotAuthorizedException', message: 'Password attempts exceeded' }, { name: 'start', mode: 'mfa' }).message.key).toBe(
      'signIn.passwordAttemptsExceeded',
    );
    expect(describeSignInError(REFUSED, { name: 'start', mode: 'passwordless' }).message.key).toBe('signIn.refused');
  });

  it('explains a refused send (the trigger\'s RateLimitExceeded / MailboxLocked) without quoting the trigger', () => {
    const refusedSend = {
      name: 'UserLambdaValidationException',
      message: 'CreateAuthChallenge failed with error RateLimitExceeded: Too many codes. Retry after 2026-12-06T12:10:00.000Z.',
    };
    expect(describeSignInError(refusedSend, { name: 'start', mode: 'passwordless' })).toEqual({
      errorType: 'UserLambdaValidationException',
      message: { key: 'signIn.rateLimited' },
      restart: true,
    });
    expect(describeSignInError({ ...refusedSend, message: 'CreateAuthChallenge failed with error MailboxLocked: …' }, { name: 'start', mode: 'mfa' }).message.key).toBe(
      'signIn.rateLimited',
    );
  });

  it('names anything else by its type only', () => {
    const problem = describeSignInError({ name: 'InternalErrorException', message: 'stack trace with secrets' }, { name: 'start', mode: 'mfa' });
    expect(problem).toEqual({ errorType: 'InternalErrorException', message: { key: 'signIn.unexpected', params: { errorType: 'InternalErrorException' } }, restart: true });
    expect(JSON.stringify(problem)).not.toContain('secrets');
    expect(describeSignInError({ name: 'TooManyRequestsException' }, { name: 'start', mode: 'mfa' })).toMatchObject({ message: { key: 'problem.throttled' }, restart: false });
  });
});
