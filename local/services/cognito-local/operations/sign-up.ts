/**
 * SignUp, ConfirmSignUp, ResendConfirmationCode: a user registers with a password, receives a 6-digit code (24 hours)
 * at the attribute the pool verifies automatically, and confirms with it. The code goes to the message store
 * (`GET /store`), not to anyone's inbox. PreSignUp may auto-confirm and auto-verify; PostConfirmation runs after a
 * confirmation (the user stays confirmed when it fails, and the caller gets its error, as with Cognito).
 */
import { randomInt } from 'node:crypto';
import { CognitoError, userNotFound } from '../errors.ts';
import { attributeListMember, stringMapMember, stringMember } from '../input.ts';
import type { LocalUserPool } from '../local-pool.ts';
import { maskDestination } from '../message-store.ts';
import { buildNewUser } from '../new-user.ts';
import { checkPasswordPolicy } from '../password-policy.ts';
import { checkSecretHash } from '../secret-hash.ts';
import { createPasswordVerifier } from '../srp/password-verifier.ts';
import type { StoredUser } from '../users.ts';
import { poolOfClient } from './lookup.ts';
import type { CognitoServices, Operation } from './types.ts';

const CODE_VALIDITY_MS = 24 * 60 * 60 * 1000;
/** Wrong codes allowed before the code is refused for good (ours: Cognito publishes no number). */
const MAX_CODE_ATTEMPTS = 5;

export const signUp: Operation = async (input, services) => {
  const { pool, client } = poolOfClient(services, stringMember(input, 'ClientId', { required: true, max: 128 }));
  const username = stringMember(input, 'Username', { required: true, max: 128 });
  const password = stringMember(input, 'Password', { max: 256 });
  checkSecretHash(client, username, stringMember(input, 'SecretHash'));
  if (pool.config.allowAdminCreateUserOnly) throw new CognitoError('NotAuthorizedException', 'SignUp is not permitted for this user pool');
  if (password === undefined) throw new CognitoError('InvalidParameterException', 'Missing required parameter Password');
  const now = services.now();
  const user = buildNewUser({ pool, username, attributes: attributeListMember(input, 'UserAttributes'), status: 'UNCONFIRMED', nowMs: now, existsMessage: 'User already exists' });
  checkPasswordPolicy(password, pool.config.passwordPolicy);
  if (services.triggers.has(pool, 'PreSignUp')) {
    const answer = await services.triggers.invoke({
      pool,
      trigger: 'PreSignUp',
      triggerSource: 'PreSignUp_SignUp',
      userName: user.username,
      clientId: client.clientId,
      request: {
        userAttributes: user.attributes,
        validationData: attributeRecord(input.ValidationData),
        clientMetadata: stringMapMember(input, 'ClientMetadata'),
      },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    });
    if (answer.autoConfirmUser === true) user.status = 'CONFIRMED';
    if (answer.autoVerifyEmail === true && user.attributes.email) user.attributes.email_verified = 'true';
    if (answer.autoVerifyPhone === true && user.attributes.phone_number) user.attributes.phone_number_verified = 'true';
  }
  user.password = createPasswordVerifier(pool.srpPoolName, user.username, password);
  pool.users.put(user);
  const delivery = user.status === 'UNCONFIRMED' ? sendConfirmationCode(services, pool, user, 'SignUp') : undefined;
  services.changed();
  return { UserConfirmed: user.status === 'CONFIRMED', UserSub: user.attributes.sub, ...(delivery ? { CodeDeliveryDetails: delivery } : {}) };
};

export const confirmSignUp: Operation = async (input, services) => {
  const { pool, client } = poolOfClient(services, stringMember(input, 'ClientId', { required: true, max: 128 }));
  const username = stringMember(input, 'Username', { required: true, max: 128 });
  const code = stringMember(input, 'ConfirmationCode', { required: true, max: 2048 });
  checkSecretHash(client, username, stringMember(input, 'SecretHash'));
  const user = pool.users.find(username);
  const mismatch = () => new CognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.');
  if (!user) {
    if (client.preventUserExistenceErrors === 'ENABLED') throw mismatch();
    throw new CognitoError('UserNotFoundException', 'Username/client id combination not found.');
  }
  if (user.status !== 'UNCONFIRMED') throw new CognitoError('NotAuthorizedException', `User cannot be confirmed. Current status is ${user.status}`);
  const pending = user.confirmation;
  if (!pending) throw mismatch();
  if (pending.failedAttempts >= MAX_CODE_ATTEMPTS) throw new CognitoError('LimitExceededException', 'Attempt limit exceeded, please try after some time.');
  if (pending.expiresAt <= services.now()) throw new CognitoError('ExpiredCodeException', 'Invalid code provided, please request a code again.');
  if (code !== pending.code) {
    pending.failedAttempts += 1;
    services.changed();
    throw mismatch();
  }
  confirm(user, services.now());
  services.changed();
  await postConfirmation(services, pool, user, client.clientId, stringMapMember(input, 'ClientMetadata'));
  return {};
};

export const resendConfirmationCode: Operation = async (input, services) => {
  const { pool, client } = poolOfClient(services, stringMember(input, 'ClientId', { required: true, max: 128 }));
  const username = stringMember(input, 'Username', { required: true, max: 128 });
  checkSecretHash(client, username, stringMember(input, 'SecretHash'));
  const user = pool.users.find(username);
  if (!user) {
    if (client.preventUserExistenceErrors === 'ENABLED') return { CodeDeliveryDetails: { Destination: 'u***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' } };
    throw userNotFound();
  }
  if (user.status !== 'UNCONFIRMED') throw new CognitoError('InvalidParameterException', 'User is already confirmed.');
  const delivery = sendConfirmationCode(services, pool, user, 'ResendCode');
  if (!delivery) throw new CognitoError('InvalidParameterException', 'Auto verification not turned on.');
  services.changed();
  return { CodeDeliveryDetails: delivery };
};

/** Marks the user confirmed and the attribute the code went to verified. */
export function confirm(user: StoredUser, nowMs: number): void {
  const attribute = user.confirmation?.attribute;
  if (attribute) user.attributes[`${attribute}_verified`] = 'true';
  user.status = 'CONFIRMED';
  delete user.confirmation;
  user.modifiedAt = nowMs;
}

/** PostConfirmation_ConfirmSignUp, when the pool has the trigger. */
export async function postConfirmation(services: CognitoServices, pool: LocalUserPool, user: StoredUser, clientId: string, clientMetadata: Record<string, string>): Promise<void> {
  if (!services.triggers.has(pool, 'PostConfirmation')) return;
  await services.triggers.invoke({
    pool,
    trigger: 'PostConfirmation',
    triggerSource: 'PostConfirmation_ConfirmSignUp',
    userName: user.username,
    clientId,
    request: { userAttributes: user.attributes, clientMetadata },
    response: {},
  });
}

/**
 * Draws a code and "sends" it to the first auto-verified attribute the user has (email before phone number: ours);
 * none: no code, and only AdminConfirmSignUp or PreSignUp can confirm the user (as in Cognito).
 */
function sendConfirmationCode(services: CognitoServices, pool: LocalUserPool, user: StoredUser, kind: 'SignUp' | 'ResendCode') {
  const attribute = (['email', 'phone_number'] as const).find((name) => pool.config.autoVerifiedAttributes.includes(name) && user.attributes[name]);
  if (!attribute) return undefined;
  const code = String(randomInt(1_000_000)).padStart(6, '0');
  const medium = attribute === 'email' ? 'EMAIL' : 'SMS';
  const destination = user.attributes[attribute]!;
  user.confirmation = { code, expiresAt: services.now() + CODE_VALIDITY_MS, failedAttempts: 0, attribute };
  services.messages.add({
    userPoolId: pool.id,
    username: user.username,
    kind,
    deliveryMedium: medium,
    destination,
    code,
    message: `Your verification code is ${code}`,
    sentAt: new Date(services.now()).toISOString(),
  });
  return { Destination: maskDestination(medium, destination), DeliveryMedium: medium, AttributeName: attribute };
}

/** ValidationData (an attribute list) as the trigger's record. */
function attributeRecord(value: unknown): Record<string, string> {
  return attributeListMember({ value }, 'value');
}
