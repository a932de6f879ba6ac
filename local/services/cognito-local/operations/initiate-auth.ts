/**
 * InitiateAuth (unsigned: the user's own call): USER_SRP_AUTH, USER_PASSWORD_AUTH, CUSTOM_AUTH with or without
 * SRP_A, REFRESH_TOKEN_AUTH (and its old name REFRESH_TOKEN), each only when the app client's ExplicitAuthFlows
 * allow it. Unknown users answer UserNotFoundException, or — when the client prevents user existence errors —
 * carry on as Cognito does (a simulated SRP challenge, custom triggers with `userNotFound: true`) and fail later
 * with NotAuthorizedException.
 */
import type { UserPoolClientConfig } from '../../../stack-description.ts';
import type { AuthSession } from '../auth-sessions.ts';
import { CognitoError, incorrectCredentials, invalidParameter, userNotFound } from '../errors.ts';
import { enumMember, stringMapMember, stringMember } from '../input.ts';
import type { LocalUserPool } from '../local-pool.ts';
import { checkSecretHash } from '../secret-hash.ts';
import { simulatedUserId } from '../simulated-user.ts';
import { passwordMatches } from '../srp/password-verifier.ts';
import type { StoredUser } from '../users.ts';
import { nextCustomStep } from './custom-auth.ts';
import { checkNotLockedOut, recordFailedPassword, recordGoodPassword } from './lockout.ts';
import { poolOfClient } from './lookup.ts';
import { afterPasswordVerified } from './password-verified.ts';
import { parseSrpA, passwordVerifierChallenge } from './password-challenge.ts';
import { refreshSignIn } from './refresh.ts';
import type { CognitoServices, Operation } from './types.ts';

const FLOWS = ['USER_SRP_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN', 'CUSTOM_AUTH', 'ADMIN_NO_SRP_AUTH', 'USER_PASSWORD_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'USER_AUTH'] as const;

/** The ExplicitAuthFlows entry each flow needs. */
const REQUIRED_FLOW: Record<string, string> = {
  USER_SRP_AUTH: 'ALLOW_USER_SRP_AUTH',
  USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
  CUSTOM_AUTH: 'ALLOW_CUSTOM_AUTH',
  REFRESH_TOKEN_AUTH: 'ALLOW_REFRESH_TOKEN_AUTH',
  REFRESH_TOKEN: 'ALLOW_REFRESH_TOKEN_AUTH',
};

export const initiateAuth: Operation = async (input, services) => {
  const flow = enumMember(input, 'AuthFlow', FLOWS, true);
  const { pool, client } = poolOfClient(services, stringMember(input, 'ClientId', { required: true, max: 128 }));
  const parameters = stringMapMember(input, 'AuthParameters');
  stringMapMember(input, 'ClientMetadata');
  if (flow === 'ADMIN_NO_SRP_AUTH' || flow === 'ADMIN_USER_PASSWORD_AUTH') throw invalidParameter('Initiate Auth method not supported.');
  // Wording ours: choice-based sign-in (USER_AUTH: passkeys, one-time passwords) is not served locally.
  if (flow === 'USER_AUTH') throw invalidParameter('USER_AUTH is not supported by the local Cognito.');
  const required = REQUIRED_FLOW[flow]!;
  if (!client.explicitAuthFlows.includes(required)) throw invalidParameter(`${flow === 'REFRESH_TOKEN' ? 'REFRESH_TOKEN_AUTH' : flow} flow not enabled for this client`);
  if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') {
    const token = parameters.REFRESH_TOKEN;
    if (token === undefined) throw invalidParameter('Missing required parameter REFRESH_TOKEN');
    // The hash of a refresh is over the user's internal username (what the client knows as its user id).
    return refreshSignIn(services, pool, client, token, (username) => checkSecretHash(client, username, parameters.SECRET_HASH));
  }

  const signInName = parameters.USERNAME;
  if (signInName === undefined) throw invalidParameter('Missing required parameter USERNAME');
  checkSecretHash(client, signInName, parameters.SECRET_HASH);
  const user = pool.users.find(signInName);
  if (!user && client.preventUserExistenceErrors !== 'ENABLED') throw userNotFound();
  if (user && !user.enabled) throw new CognitoError('NotAuthorizedException', 'User is disabled.');
  const now = services.now();
  const session: AuthSession = {
    poolId: pool.id,
    clientId: client.clientId,
    flow,
    signInName,
    userId: user?.username ?? simulatedUserId(pool, signInName),
    userNotFound: !user,
    expected: 'PASSWORD_VERIFIER',
    challenges: [],
    expiresAt: now + client.authSessionValidityMinutes * 60_000,
  };

  if (flow === 'USER_SRP_AUTH') {
    const A = parseSrpA(parameters.SRP_A);
    if (user) checkNotLockedOut(user, now);
    const challenge = passwordVerifierChallenge(pool, session, user, A);
    return { ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: challenge, Session: services.sessions.open(session) };
  }
  if (flow === 'USER_PASSWORD_AUTH') {
    const password = parameters.PASSWORD;
    if (password === undefined) throw invalidParameter('Missing required parameter PASSWORD');
    if (!user) throw incorrectCredentials();
    checkNotLockedOut(user, now);
    if (!user.password || !passwordMatches(user.password, pool.srpPoolName, user.username, password)) {
      recordFailedPassword(user, now);
      services.changed();
      throw incorrectCredentials();
    }
    recordGoodPassword(user);
    return afterPasswordVerified({ services, pool, client, session, user, clientMetadata: {} });
  }
  return customAuth(services, pool, client, session, user, parameters);
};

async function customAuth(
  services: CognitoServices,
  pool: LocalUserPool,
  client: UserPoolClientConfig,
  session: AuthSession,
  user: StoredUser | undefined,
  parameters: Record<string, string>,
): Promise<Record<string, unknown>> {
  if (!services.triggers.has(pool, 'DefineAuthChallenge')) throw invalidParameter('Custom auth lambda trigger is not configured for the user pool.');
  // SRP first when the client asks for it (CHALLENGE_NAME: SRP_A with SRP_A): the triggers see it as done.
  if (parameters.CHALLENGE_NAME === 'SRP_A' || (parameters.CHALLENGE_NAME === undefined && parameters.SRP_A !== undefined)) {
    session.pendingSrpA = parseSrpA(parameters.SRP_A);
    if (user) checkNotLockedOut(user, services.now());
    session.challenges.push({ challengeName: 'SRP_A', challengeResult: true, challengeMetadata: null });
  }
  // The ClientMetadata of InitiateAuth goes only to PreSignUp, PreAuthentication and UserMigration (API reference):
  // the challenge triggers get an empty map here.
  return nextCustomStep({ services, pool, client, session, user, clientMetadata: {} });
}
