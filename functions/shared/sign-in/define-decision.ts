/**
 * DefineAuthChallenge's rules, pure: from the sign-in so far (Cognito's `request.session`) and the allowed flow, what
 * comes next. Tokens only right after a correct answer to our challenge, in a sequence the flow allows:
 * - passwordless: CUSTOM_CHALLENGE, …;
 * - mfa: SRP_A, PASSWORD_VERIFIER (both passed), CUSTOM_CHALLENGE, ….
 * After a wrong answer the sign-in goes on only while its OTP session is open (the trigger reads it: not verified,
 * unexpired, attempts left) and it has answered fewer than `maxAttempts` times: the session's attempt count is the
 * limit, and the per-sign-in cap also ends sign-ins whose answers were never counted (malformed, or no session).
 */
import type { SignInFlow } from '../../../infra/model/index.ts';
import { sessionIdOfMetadata } from './challenge.ts';

/** One step of Cognito's `request.session`. */
export interface ChallengeResult {
  challengeName: string;
  challengeResult: boolean;
  challengeMetadata?: string | null;
}

export type DefineDecision =
  | { kind: 'fail'; reason: string }
  | { kind: 'issueTokens' }
  | { kind: 'challenge'; challengeName: 'PASSWORD_VERIFIER' | 'CUSTOM_CHALLENGE' }
  /** Another CUSTOM_CHALLENGE if the session (null: none, an unknown user) is still open. */
  | { kind: 'challengeIfOpen'; sessionId: string | null };

const CUSTOM = 'CUSTOM_CHALLENGE';

/** Whether this sign-in has proven the account's password (a passed PASSWORD_VERIFIER step): the MFA flow. */
export function passwordProven(history: readonly ChallengeResult[]): boolean {
  return history.some((step) => step.challengeName === 'PASSWORD_VERIFIER' && step.challengeResult === true);
}

export function defineDecision(history: readonly ChallengeResult[], flow: SignInFlow, maxAttempts: number): DefineDecision {
  const withPassword = history[0]?.challengeName === 'SRP_A';
  if (withPassword && flow === 'passwordless') return { kind: 'fail', reason: 'flow passwordless: SRP_A refused' };
  if (!withPassword && flow === 'mfa') return { kind: 'fail', reason: 'flow mfa: CUSTOM_AUTH without SRP_A refused' };

  const prefix = withPassword ? ['SRP_A', 'PASSWORD_VERIFIER'] : [];
  // The password steps, in order, each passed (Cognito fails a wrong password itself; this does not rely on it).
  const passed = prefix.every((name, index) => index >= history.length || (history[index]?.challengeName === name && history[index]?.challengeResult === true));
  if (!passed) return { kind: 'fail', reason: 'password step failed' };
  if (history.length < prefix.length) return { kind: 'challenge', challengeName: 'PASSWORD_VERIFIER' };

  const answers = history.slice(prefix.length);
  if (answers.some((step) => step.challengeName !== CUSTOM)) return { kind: 'fail', reason: 'unexpected challenge' };
  const last = answers.at(-1);
  if (!last) return { kind: 'challenge', challengeName: CUSTOM };
  if (last.challengeResult) return { kind: 'issueTokens' };
  if (answers.length >= maxAttempts) return { kind: 'fail', reason: 'answers used up' };
  return { kind: 'challengeIfOpen', sessionId: sessionIdOfMetadata(last.challengeMetadata) };
}
