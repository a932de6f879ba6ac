/**
 * The custom authentication flow's state machine, driven by the pool's triggers as Cognito drives them: after each
 * step DefineAuthChallenge gets the session so far (`[{ challengeName, challengeResult, challengeMetadata }]`) and
 * decides — fail (NotAuthorizedException), issue tokens, or name the next challenge: PASSWORD_VERIFIER (only after
 * SRP_A, Cognito's built-in SRP step) or CUSTOM_CHALLENGE, for which CreateAuthChallenge makes the public parameters
 * (to the client, with USERNAME) and the private ones (kept here, for VerifyAuthChallengeResponse only).
 */
import type { UserPoolClientConfig } from '../../../stack-description.ts';
import type { AuthSession, ChallengeResult } from '../auth-sessions.ts';
import { CognitoError, incorrectCredentials } from '../errors.ts';
import type { LocalUserPool } from '../local-pool.ts';
import type { StoredUser } from '../users.ts';
import { passwordVerifierChallenge } from './password-challenge.ts';
import { signedIn } from './sign-in-result.ts';
import type { CognitoServices } from './types.ts';

/** A runaway DefineAuthChallenge that never decides is stopped after this many challenges (ours: no documented cap). */
const MAX_CHALLENGES = 20;

interface DefineResponse {
  challengeName?: string | null;
  issueTokens?: boolean | null;
  failAuthentication?: boolean | null;
}
interface CreateResponse {
  publicChallengeParameters?: Record<string, string> | null;
  privateChallengeParameters?: Record<string, string> | null;
  challengeMetadata?: string | null;
}

export interface CustomStep {
  services: CognitoServices;
  pool: LocalUserPool;
  client: UserPoolClientConfig;
  session: AuthSession;
  /** undefined: the user does not exist (existence errors prevented); the triggers get `userNotFound: true`. */
  user: StoredUser | undefined;
  clientMetadata: Record<string, string>;
}

/** The request fields every challenge trigger gets. */
function commonRequest(step: CustomStep) {
  return {
    userAttributes: step.user?.attributes ?? {},
    clientMetadata: step.clientMetadata,
    // Populated only when the client prevents user existence errors (the developer guide).
    ...(step.client.preventUserExistenceErrors === 'ENABLED' ? { userNotFound: step.user === undefined } : {}),
  };
}

/** Asks DefineAuthChallenge what comes next and answers the client accordingly. */
export async function nextCustomStep(step: CustomStep): Promise<Record<string, unknown>> {
  const { services, pool, client, session, user } = step;
  if (session.challenges.length > MAX_CHALLENGES) throw incorrectCredentials();
  const decision = await services.triggers.invoke<Record<string, unknown>, DefineResponse>({
    pool,
    trigger: 'DefineAuthChallenge',
    triggerSource: 'DefineAuthChallenge_Authentication',
    userName: session.userId,
    clientId: client.clientId,
    request: { ...commonRequest(step), session: session.challenges },
    response: { challengeName: null, issueTokens: null, failAuthentication: null },
  });
  if (decision.failAuthentication === true) throw incorrectCredentials();
  if (decision.issueTokens === true) {
    // Tokens are never issued for a user that does not exist, whatever the trigger says.
    if (!user) throw incorrectCredentials();
    if (user.status === 'UNCONFIRMED') throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
    return signedIn(services, pool, client, user, 'TokenGeneration_Authentication', step.clientMetadata);
  }
  if (decision.challengeName === 'PASSWORD_VERIFIER' && session.srp === undefined && session.pendingSrpA !== undefined) {
    const parameters = passwordVerifierChallenge(pool, session, user, session.pendingSrpA);
    return { ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: parameters, Session: services.sessions.open(session) };
  }
  if (decision.challengeName === 'CUSTOM_CHALLENGE') return createCustomChallenge(step);
  throw new CognitoError('InvalidLambdaResponseException', 'Unrecognizable lambda output');
}

async function createCustomChallenge(step: CustomStep): Promise<Record<string, unknown>> {
  const { services, pool, client, session } = step;
  const created = await services.triggers.invoke<Record<string, unknown>, CreateResponse>({
    pool,
    trigger: 'CreateAuthChallenge',
    triggerSource: 'CreateAuthChallenge_Authentication',
    userName: session.userId,
    clientId: client.clientId,
    request: { ...commonRequest(step), challengeName: 'CUSTOM_CHALLENGE', session: session.challenges },
    response: { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
  });
  session.expected = 'CUSTOM_CHALLENGE';
  session.privateChallengeParameters = stringsOnly(created.privateChallengeParameters);
  session.challengeMetadata = typeof created.challengeMetadata === 'string' ? created.challengeMetadata : null;
  return {
    ChallengeName: 'CUSTOM_CHALLENGE',
    ChallengeParameters: { ...stringsOnly(created.publicChallengeParameters), USERNAME: session.userId },
    Session: services.sessions.open(session),
  };
}

/** The client's ANSWER through VerifyAuthChallengeResponse, recorded in the session, then the next step. */
export async function answerCustomChallenge(step: CustomStep, answer: string): Promise<Record<string, unknown>> {
  const { services, pool, client, session } = step;
  const verdict = await services.triggers.invoke<Record<string, unknown>, { answerCorrect?: boolean | null }>({
    pool,
    trigger: 'VerifyAuthChallengeResponse',
    triggerSource: 'VerifyAuthChallengeResponse_Authentication',
    userName: session.userId,
    clientId: client.clientId,
    request: { ...commonRequest(step), privateChallengeParameters: session.privateChallengeParameters ?? {}, challengeAnswer: answer },
    response: { answerCorrect: null },
  });
  const result: ChallengeResult = { challengeName: 'CUSTOM_CHALLENGE', challengeResult: verdict.answerCorrect === true, challengeMetadata: session.challengeMetadata ?? null };
  session.challenges.push(result);
  delete session.privateChallengeParameters;
  delete session.challengeMetadata;
  return nextCustomStep(step);
}

/** A trigger's parameter map with only its string values (Cognito's maps are string to string). */
function stringsOnly(value: Record<string, string> | null | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, item]) => typeof item === 'string'));
}
