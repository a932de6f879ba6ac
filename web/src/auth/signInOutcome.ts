/**
 * What Amplify Auth's `signIn` / `confirmSignIn` answers (or throws) means for the sign-in pages: ask for the code,
 * signed in, try the code again, or start again — with a message for the page (a key, translated when shown).
 * Pure: the types below are the parts of Amplify's results and errors it reads, so it is tested without Amplify and
 * the verify page never loads Amplify for it.
 */
import { ACCEPTED_CODE_DIGITS, SIGN_IN_CHALLENGE_PARAMETERS } from '../../../infra/model/index.ts';
import type { Message } from '../i18n/messages.ts';

/** Which first step a sign-in starts with: the email alone (`CUSTOM_WITHOUT_SRP`) or email and password (`CUSTOM_WITH_SRP`). */
export type SignInMode = 'passwordless' | 'mfa';

/**
 * The code challenge as the page shows it, from the public challenge parameters the CreateAuthChallenge trigger sends
 * (names in infra/model/sign-in.ts; Cognito's `USERNAME` beside them is ignored); each part null when the trigger did
 * not say. No destination: the trigger sends none (it would tell existing accounts apart), so the page shows the
 * address the person typed.
 */
export interface CodeChallenge {
  /** Digits per code: the field submits itself at this length. */
  codeLength: number;
  /** ISO date-time after which the code is refused. */
  expiresAt: string | null;
  /** Answers left before the sign-in is refused. */
  attemptsRemaining: number | null;
}

/** The parts of Amplify's `SignInOutput` / `ConfirmSignInOutput` read here. */
export interface SignInOutputLike {
  isSignedIn: boolean;
  nextStep: { signInStep: string; additionalInfo?: Readonly<Record<string, string | undefined>> };
}

/** The parts of Amplify's `AuthError` read here: Cognito's exception name (or Amplify's own) and its message. */
export interface AuthErrorLike {
  name?: string;
  message?: string;
}

/** A failed step, reduced to what the page shows and what a browser test can check. */
export interface SignInProblem {
  /** Cognito's (or Amplify's) error name, e.g. `NotAuthorizedException`, `NetworkError`; or our own reason. */
  errorType: string;
  message: Message;
  /** True when this sign-in is over (refused, expired, exhausted): the person has to start again. */
  restart: boolean;
}

/** Where a sign-in goes next. */
export type SignInStep =
  | { kind: 'code'; challenge: CodeChallenge; problem?: SignInProblem }
  | { kind: 'signedIn' }
  | { kind: 'problem'; problem: SignInProblem };

/**
 * The answer to `signIn` (first step) or `confirmSignIn` (a code) as the page's next step. A code challenge that
 * follows an answered code means that code was wrong: it comes with the tries left.
 *
 * @param fallbackCodeLength the app's setting, for a challenge that does not name its length
 * @param answeredCode true for `confirmSignIn`'s answer
 * @example describeSignInOutput({ isSignedIn: true, nextStep: { signInStep: 'DONE' } }, 6, true) // { kind: 'signedIn' }
 */
export function describeSignInOutput(output: SignInOutputLike, fallbackCodeLength: number, answeredCode: boolean): SignInStep {
  if (output.isSignedIn || output.nextStep.signInStep === 'DONE') return { kind: 'signedIn' };
  if (output.nextStep.signInStep !== 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE') {
    // A step these pages do not handle (a new password, a confirmation of sign-up…): the pool is set up for
    // something else than this factor, which the person cannot fix here.
    return { kind: 'problem', problem: { errorType: output.nextStep.signInStep, message: { key: 'signIn.unsupportedStep' }, restart: true } };
  }
  const challenge = readChallenge(output.nextStep.additionalInfo ?? {}, fallbackCodeLength);
  if (!answeredCode) return { kind: 'code', challenge };
  const message: Message =
    challenge.attemptsRemaining === null
      ? { key: 'signIn.wrongCode' }
      : { key: 'verification.invalidCode', count: challenge.attemptsRemaining };
  return { kind: 'code', challenge, problem: { errorType: 'INVALID_CODE', message, restart: false } };
}

/** Reads the public challenge parameters, ignoring any that are missing or malformed. */
export function readChallenge(parameters: Readonly<Record<string, string | undefined>>, fallbackCodeLength: number): CodeChallenge {
  const codeLength = wholeNumber(parameters[SIGN_IN_CHALLENGE_PARAMETERS.codeLength]);
  const attemptsRemaining = wholeNumber(parameters[SIGN_IN_CHALLENGE_PARAMETERS.attemptsRemaining]);
  const expiresAt = parameters[SIGN_IN_CHALLENGE_PARAMETERS.expiresAt];
  const { min, max } = ACCEPTED_CODE_DIGITS;
  return {
    codeLength: codeLength !== null && codeLength >= min && codeLength <= max ? codeLength : fallbackCodeLength,
    expiresAt: expiresAt && !Number.isNaN(Date.parse(expiresAt)) ? expiresAt : null,
    attemptsRemaining,
  };
}

function wholeNumber(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const value = Number(text);
  return Number.isInteger(value) && value >= 0 ? value : null;
}

/** Where the sign-in was when the error came: its first step, or the answer to a code challenge. */
export type SignInStage = { name: 'start'; mode: SignInMode } | { name: 'answer'; challenge: CodeChallenge; nowMs: number };

/**
 * An error thrown by `signIn` or `confirmSignIn`, as a problem for the page. Cognito refuses a custom sign-in with
 * `NotAuthorizedException` whatever the reason (the DefineAuthChallenge trigger failed it); after a code, the reason
 * is told from the challenge the page holds: past its `expiresAt` the code expired, otherwise the answers ran out.
 * Server messages are never shown: they are Cognito's English, sometimes a trigger's.
 */
export function describeSignInError(error: AuthErrorLike, stage: SignInStage): SignInProblem {
  const errorType = error.name || 'Error';
  const serverMessage = error.message ?? '';
  if (errorType === 'NetworkError') return { errorType, message: { key: 'signIn.networkError' }, restart: false };
  // A refused send is told only after a proven password (MFA); a passwordless one looks like a sent code.
  if (/RateLimitExceeded|MailboxLocked/.test(serverMessage)) {
    return { errorType, message: { key: 'signIn.rateLimited' }, restart: true };
  }
  if (/TooManyRequests|LimitExceeded|Throttl/.test(errorType)) {
    return { errorType, message: { key: 'problem.throttled' }, restart: false };
  }
  if (errorType === 'NotAuthorizedException' && /attempts exceeded/i.test(serverMessage)) {
    return { errorType, message: { key: 'signIn.passwordAttemptsExceeded' }, restart: true };
  }
  if (stage.name === 'start') {
    // With a password: Cognito's "Incorrect username or password." (also for an unknown user, which it does not reveal).
    if (stage.mode === 'mfa' && (errorType === 'NotAuthorizedException' || errorType === 'UserNotFoundException')) {
      return { errorType, message: { key: 'signIn.wrongPassword' }, restart: true };
    }
    if (errorType === 'NotAuthorizedException') return { errorType, message: { key: 'signIn.refused' }, restart: true };
    return unexpected(errorType);
  }
  if (errorType === 'NotAuthorizedException' || errorType === 'CodeMismatchException' || errorType === 'ExpiredCodeException') {
    const expiresAtMs = stage.challenge.expiresAt === null ? Number.NaN : Date.parse(stage.challenge.expiresAt);
    const expired = errorType === 'ExpiredCodeException' || /expired/i.test(serverMessage) || stage.nowMs >= expiresAtMs;
    if (expired) return { errorType, message: { key: 'signIn.expired' }, restart: true };
    // The last answer used the last try (or the trigger did not count them): the answers ran out. With tries left
    // the refusal has another cause the page cannot see (e.g. the mailbox locked by wrong codes elsewhere).
    const { attemptsRemaining } = stage.challenge;
    const exhausted = attemptsRemaining === null || attemptsRemaining <= 1;
    return { errorType, message: { key: exhausted ? 'signIn.attemptsExhausted' : 'signIn.refused' }, restart: true };
  }
  return unexpected(errorType);
}

function unexpected(errorType: string): SignInProblem {
  return { errorType, message: { key: 'signIn.unexpected', params: { errorType } }, restart: true };
}
