/**
 * RespondToAuthChallenge (unsigned): PASSWORD_VERIFIER (the SRP proof), CUSTOM_CHALLENGE (an ANSWER for
 * VerifyAuthChallengeResponse) and NEW_PASSWORD_REQUIRED (an invited user's own password). The Session names the
 * sign-in; it is consumed by the answer, must come from the same client, and the ChallengeName and USERNAME must be
 * those of the sign-in. A wrong password counts towards the lockout and fails the sign-in; a wrong custom answer is
 * handed to DefineAuthChallenge, which decides.
 */
import { CognitoError, incorrectCredentials, invalidParameter } from '../errors.ts';
import { enumMember, stringMapMember, stringMember } from '../input.ts';
import { checkPasswordPolicy } from '../password-policy.ts';
import { checkSecretHash } from '../secret-hash.ts';
import { createPasswordVerifier } from '../srp/password-verifier.ts';
import { STANDARD_ATTRIBUTES } from '../users.ts';
import { answerCustomChallenge, nextCustomStep } from './custom-auth.ts';
import { recordFailedPassword, recordGoodPassword } from './lockout.ts';
import { poolOfClient } from './lookup.ts';
import { afterPasswordVerified } from './password-verified.ts';
import { passwordProven } from './password-challenge.ts';
import { signedIn } from './sign-in-result.ts';
import type { Operation } from './types.ts';

const CHALLENGES = [
  'SMS_MFA', 'EMAIL_OTP', 'SOFTWARE_TOKEN_MFA', 'SELECT_MFA_TYPE', 'MFA_SETUP', 'PASSWORD_VERIFIER', 'CUSTOM_CHALLENGE', 'SELECT_CHALLENGE',
  'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER', 'ADMIN_NO_SRP_AUTH', 'NEW_PASSWORD_REQUIRED', 'SMS_OTP', 'PASSWORD', 'WEB_AUTHN', 'PASSWORD_SRP',
] as const;

/** Attributes an invited user may set with a new password (`userAttributes.<name>`): not the ones Cognito controls. */
const NOT_WRITABLE = new Set(['sub', 'email_verified', 'phone_number_verified', 'updated_at']);

export const respondToAuthChallenge: Operation = async (input, services) => {
  const { pool, client } = poolOfClient(services, stringMember(input, 'ClientId', { required: true, max: 128 }));
  const challengeName = enumMember(input, 'ChallengeName', CHALLENGES, true);
  const responses = stringMapMember(input, 'ChallengeResponses');
  const clientMetadata = stringMapMember(input, 'ClientMetadata');
  const handle = stringMember(input, 'Session', { min: 20, max: 2048 });
  if (handle === undefined) throw invalidParameter('Missing required parameter Session');
  const username = responses.USERNAME;
  if (username === undefined) throw invalidParameter('Missing required parameter USERNAME');
  const session = services.sessions.take(handle, client.clientId);
  // The answer must be for this sign-in's user, named by any name that resolves to them.
  const user = session.userNotFound ? undefined : pool.users.get(session.userId);
  const sameUser = username === session.signInName || username === session.userId || (user !== undefined && pool.users.find(username) === user);
  if (!sameUser || (!session.userNotFound && !user)) throw new CognitoError('NotAuthorizedException', 'Invalid session for the user.');
  // Wording ours: Cognito's text for an answer to a challenge it did not ask is not documented.
  if (challengeName !== session.expected) throw invalidParameter(`The session expects an answer to ${session.expected}, not ${challengeName}.`);
  checkSecretHash(client, username, responses.SECRET_HASH);
  const now = services.now();

  if (challengeName === 'PASSWORD_VERIFIER') {
    // A nonexistent user's proof never passes (the challenge was simulated).
    if (!user || !passwordProven(pool, session, responses)) {
      if (user) {
        recordFailedPassword(user, now);
        services.changed();
      }
      throw incorrectCredentials();
    }
    recordGoodPassword(user);
    if (session.flow !== 'CUSTOM_AUTH') return afterPasswordVerified({ services, pool, client, session, user, clientMetadata });
    if (user.status === 'UNCONFIRMED') throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
    delete session.srp;
    session.challenges.push({ challengeName: 'PASSWORD_VERIFIER', challengeResult: true, challengeMetadata: null });
    return nextCustomStep({ services, pool, client, session, user, clientMetadata });
  }

  if (challengeName === 'CUSTOM_CHALLENGE') {
    const answer = responses.ANSWER;
    if (answer === undefined) throw invalidParameter('Missing required parameter ANSWER');
    return answerCustomChallenge({ services, pool, client, session, user, clientMetadata }, answer);
  }

  // NEW_PASSWORD_REQUIRED: only ever asked of an existing, invited user.
  if (!user) throw new CognitoError('NotAuthorizedException', 'Invalid session for the user.');
  const newPassword = responses.NEW_PASSWORD;
  if (newPassword === undefined) throw invalidParameter('Missing required parameter NEW_PASSWORD');
  checkPasswordPolicy(newPassword, pool.config.passwordPolicy);
  const updates = Object.entries(responses)
    .filter(([key]) => key.startsWith('userAttributes.'))
    .map(([key, value]) => [key.slice('userAttributes.'.length), value] as const);
  // All checked before any is written: a refused answer changes nothing.
  for (const [name] of updates) {
    if (NOT_WRITABLE.has(name) || (!STANDARD_ATTRIBUTES.has(name) && !name.startsWith('custom:'))) {
      throw invalidParameter(`Cannot modify the non-mutable attribute ${name}`);
    }
  }
  for (const [name, value] of updates) user.attributes[name] = value;
  user.password = createPasswordVerifier(pool.srpPoolName, user.username, newPassword);
  user.status = 'CONFIRMED';
  user.modifiedAt = now;
  services.changed();
  return signedIn(services, pool, client, user, 'TokenGeneration_NewPasswordChallenge', clientMetadata);
};
