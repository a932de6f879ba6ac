/**
 * Sign-ins in progress. The `Session` string a client carries between InitiateAuth and RespondToAuthChallenge is an
 * opaque random handle to state kept here (Cognito's is an encrypted blob; clients never look inside): the user, the
 * flow, the challenge expected next, the SRP ephemeral and secret block, the custom challenges so far with their
 * private parameters. A session is single-use (each answer consumes it and a further challenge gets a new one, as
 * Cognito's "cannot be replayed") and expires after the client's AuthSessionValidity (3 minutes by default).
 */
import { randomBytes } from 'node:crypto';
import { CognitoError } from './errors.ts';
import type { ServerEphemeral } from './srp/srp-server.ts';

/** One entry of the triggers' `session` array. */
export interface ChallengeResult {
  challengeName: string;
  challengeResult: boolean;
  challengeMetadata: string | null;
}

export type ExpectedChallenge = 'PASSWORD_VERIFIER' | 'CUSTOM_CHALLENGE' | 'NEW_PASSWORD_REQUIRED';

export interface AuthSession {
  poolId: string;
  clientId: string;
  flow: 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH' | 'CUSTOM_AUTH';
  /** What the client named the user (a username, email or alias). */
  signInName: string;
  /** The internal username (USER_ID_FOR_SRP); for a nonexistent user, the simulated one. */
  userId: string;
  /** True when the user does not exist and existence errors are prevented: the flow runs on, then fails. */
  userNotFound: boolean;
  expected: ExpectedChallenge;
  /** CUSTOM_AUTH started with SRP_A: the client's A, until DefineAuthChallenge asks for PASSWORD_VERIFIER. */
  pendingSrpA?: bigint;
  /** PASSWORD_VERIFIER: the server's SRP state for this sign-in. */
  srp?: { A: bigint; ephemeral: ServerEphemeral; secretBlock: Buffer; verifier: bigint };
  /** CUSTOM_AUTH: the challenges so far, as the triggers see them. */
  challenges: ChallengeResult[];
  /** CUSTOM_CHALLENGE: what CreateAuthChallenge returned, for VerifyAuthChallengeResponse only. */
  privateChallengeParameters?: Record<string, string>;
  challengeMetadata?: string | null;
  /** Epoch ms. */
  expiresAt: number;
}

/** Cognito's answers for a session it cannot use. */
const INVALID = () => new CognitoError('NotAuthorizedException', 'Invalid session for the user.');
const EXPIRED = () => new CognitoError('NotAuthorizedException', 'Invalid session for the user, session is expired.');

export class AuthSessions {
  private readonly sessions = new Map<string, AuthSession>();

  constructor(private readonly now: () => number) {}

  /** Stores `session` and returns its handle (the `Session` string). */
  open(session: AuthSession): string {
    this.prune();
    const handle = randomBytes(48).toString('base64');
    this.sessions.set(handle, session);
    return handle;
  }

  /**
   * Takes the session out (it is single-use) after checking it belongs to this client and has not expired.
   * @throws CognitoError NotAuthorizedException for an unknown, used, foreign or expired session.
   */
  take(handle: string, clientId: string): AuthSession {
    const session = this.sessions.get(handle);
    if (!session || session.clientId !== clientId) throw INVALID();
    this.sessions.delete(handle);
    if (session.expiresAt <= this.now()) throw EXPIRED();
    return session;
  }

  /** Forgets sessions expired for more than a minute (an expired one is still told apart for a while). */
  private prune(): void {
    const horizon = this.now() - 60_000;
    for (const [handle, session] of this.sessions) if (session.expiresAt < horizon) this.sessions.delete(handle);
  }
}
