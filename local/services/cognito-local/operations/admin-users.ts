/**
 * The Admin* user operations (SigV4-signed by the caller, verified before they run): AdminCreateUser (an invited user
 * with a temporary password, FORCE_CHANGE_PASSWORD), AdminSetUserPassword, AdminGetUser, AdminConfirmSignUp,
 * AdminDeleteUser, AdminUserGlobalSignOut. They name users by username or alias and always disclose whether a user
 * exists (UserNotFoundException), as Cognito's admin operations do.
 */
import { CognitoError, userNotFound } from '../errors.ts';
import { attributeListMember, booleanMember, enumMember, stringMapMember, stringMember, type Input } from '../input.ts';
import type { LocalUserPool } from '../local-pool.ts';
import { buildNewUser } from '../new-user.ts';
import { checkPasswordPolicy, generateTemporaryPassword } from '../password-policy.ts';
import { createPasswordVerifier } from '../srp/password-verifier.ts';
import { attributeList, userType } from '../user-shapes.ts';
import type { StoredUser } from '../users.ts';
import { poolById } from './lookup.ts';
import { confirm, postConfirmation } from './sign-up.ts';
import type { CognitoServices, Operation } from './types.ts';

/** The callerContext.clientId Cognito sends its triggers for admin operations. */
const NO_CLIENT = 'CLIENT_ID_NOT_APPLICABLE';
const DAY_MS = 24 * 60 * 60 * 1000;

function target(input: Input, services: CognitoServices): { pool: LocalUserPool; user: StoredUser } {
  const pool = poolById(services, stringMember(input, 'UserPoolId', { required: true, max: 55 }));
  const user = pool.users.find(stringMember(input, 'Username', { required: true, max: 128 }));
  if (!user) throw userNotFound();
  return { pool, user };
}

function setPassword(pool: LocalUserPool, user: StoredUser, password: string, permanent: boolean, nowMs: number): void {
  const verifier = createPasswordVerifier(pool.srpPoolName, user.username, password);
  user.password = permanent ? verifier : { ...verifier, temporaryExpiresAt: nowMs + pool.config.passwordPolicy.temporaryPasswordValidityDays * DAY_MS };
  user.status = permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
  user.modifiedAt = nowMs;
  user.failedSignIns = 0;
  delete user.lockedUntil;
}

export const adminCreateUser: Operation = async (input, services) => {
  const pool = poolById(services, stringMember(input, 'UserPoolId', { required: true, max: 55 }));
  const username = stringMember(input, 'Username', { required: true, max: 128 });
  const action = enumMember(input, 'MessageAction', ['RESEND', 'SUPPRESS'] as const);
  const mediums = (Array.isArray(input.DesiredDeliveryMediums) ? input.DesiredDeliveryMediums : []) as unknown[];
  const now = services.now();
  if (action === 'RESEND') {
    const existing = pool.users.find(username);
    if (!existing) throw userNotFound();
    if (existing.status !== 'FORCE_CHANGE_PASSWORD') throw new CognitoError('UnsupportedUserStateException', 'Resend not possible. User status is not FORCE_CHANGE_PASSWORD.');
    const temporary = generateTemporaryPassword(pool.config.passwordPolicy);
    setPassword(pool, existing, temporary, false, now);
    invite(services, pool, existing, temporary, mediums);
    services.changed();
    return { User: userType(existing) };
  }
  const given = stringMember(input, 'TemporaryPassword', { max: 256 });
  if (given !== undefined) checkPasswordPolicy(given, pool.config.passwordPolicy);
  const user = buildNewUser({
    pool,
    username,
    attributes: attributeListMember(input, 'UserAttributes'),
    status: 'FORCE_CHANGE_PASSWORD',
    nowMs: now,
    existsMessage: 'User account already exists',
  });
  if (services.triggers.has(pool, 'PreSignUp')) {
    await services.triggers.invoke({
      pool,
      trigger: 'PreSignUp',
      triggerSource: 'PreSignUp_AdminCreateUser',
      userName: user.username,
      clientId: NO_CLIENT,
      request: {
        userAttributes: user.attributes,
        validationData: attributeListMember({ value: input.ValidationData }, 'value'),
        clientMetadata: stringMapMember(input, 'ClientMetadata'),
      },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    });
  }
  const temporary = given ?? generateTemporaryPassword(pool.config.passwordPolicy);
  setPassword(pool, user, temporary, false, now);
  pool.users.put(user);
  if (action !== 'SUPPRESS') invite(services, pool, user, temporary, mediums);
  services.changed();
  return { User: userType(user) };
};

export const adminSetUserPassword: Operation = async (input, services) => {
  const { pool, user } = target(input, services);
  const password = stringMember(input, 'Password', { required: true, max: 256 });
  checkPasswordPolicy(password, pool.config.passwordPolicy);
  setPassword(pool, user, password, booleanMember(input, 'Permanent') === true, services.now());
  services.changed();
  return {};
};

export const adminGetUser: Operation = async (input, services) => {
  const { user } = target(input, services);
  const { Attributes: _attributes, ...rest } = userType(user);
  return { ...rest, UserAttributes: attributeList(user) };
};

export const adminConfirmSignUp: Operation = async (input, services) => {
  const { pool, user } = target(input, services);
  if (user.status !== 'UNCONFIRMED') throw new CognitoError('NotAuthorizedException', `User cannot be confirmed. Current status is ${user.status}`);
  confirm(user, services.now());
  services.changed();
  await postConfirmation(services, pool, user, NO_CLIENT, stringMapMember(input, 'ClientMetadata'));
  return {};
};

export const adminDeleteUser: Operation = async (input, services) => {
  const { pool, user } = target(input, services);
  pool.users.delete(user.username);
  pool.refreshTokens.revokeUser(user.username);
  services.changed();
  return {};
};

export const adminUserGlobalSignOut: Operation = async (input, services) => {
  const { pool, user } = target(input, services);
  pool.refreshTokens.revokeUser(user.username);
  services.changed();
  return {};
};

/** Records the invitation (username and temporary password) where the user would receive it. */
function invite(services: CognitoServices, pool: LocalUserPool, user: StoredUser, temporaryPassword: string, mediums: unknown[]): void {
  const email = user.attributes.email;
  const phone = user.attributes.phone_number;
  // Cognito's default medium is SMS; EMAIL when asked for, or when the user has no phone number.
  const medium = mediums.includes('EMAIL') || (!phone && email) ? 'EMAIL' : 'SMS';
  const destination = medium === 'EMAIL' ? email : phone;
  if (!destination) return;
  services.messages.add({
    userPoolId: pool.id,
    username: user.username,
    kind: 'AdminCreateUser',
    deliveryMedium: medium,
    destination,
    code: temporaryPassword,
    message: `Your username is ${user.username} and temporary password is ${temporaryPassword}.`,
    sentAt: new Date(services.now()).toISOString(),
  });
}
