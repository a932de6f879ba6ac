/**
 * A user about to be created by SignUp or AdminCreateUser: the username rules of the pool (email or phone number as
 * the username gives the user a UUID as internal username), attribute names checked against the standard set and
 * `custom:`, the sub drawn, uniqueness checked. Messages are Cognito's.
 */
import { randomUUID } from 'node:crypto';
import { CognitoError, invalidParameter } from './errors.ts';
import type { LocalUserPool } from './local-pool.ts';
import { STANDARD_ATTRIBUTES, type StoredUser, type UserStatus } from './users.ts';

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const PHONE = /^\+[0-9]{4,15}$/;

export interface NewUserRequest {
  pool: LocalUserPool;
  /** The Username of the request. */
  username: string;
  attributes: Record<string, string>;
  status: UserStatus;
  nowMs: number;
  /** AdminCreateUser's message differs from SignUp's. */
  existsMessage: string;
}

/** The user to store (not stored yet). @throws CognitoError InvalidParameterException, UsernameExistsException */
export function buildNewUser(request: NewUserRequest): StoredUser {
  const { pool, username } = request;
  const config = pool.config;
  for (const name of Object.keys(request.attributes)) {
    if (!STANDARD_ATTRIBUTES.has(name) && !name.startsWith('custom:')) {
      throw invalidParameter(`Attributes did not conform to the schema: Type for attribute {${name}} could not be determined`);
    }
  }
  const sub = randomUUID();
  const attributes: Record<string, string> = { ...request.attributes, sub };
  let internalUsername = username;
  if (config.usernameAttributes.length > 0) {
    const asEmail = config.usernameAttributes.includes('email') && EMAIL.test(username);
    const asPhone = config.usernameAttributes.includes('phone_number') && PHONE.test(username);
    if (!asEmail && !asPhone) {
      throw invalidParameter(
        config.usernameAttributes.length === 2 ? 'Username should be either an email or a phone number.' : config.usernameAttributes[0] === 'email' ? 'Username should be an email.' : 'Username should be a phone number.',
      );
    }
    const attribute = asEmail ? 'email' : 'phone_number';
    attributes[attribute] = username;
    if (pool.users.find(username)) {
      throw new CognitoError('UsernameExistsException', `An account with the given ${asEmail ? 'email' : 'phone_number'} already exists.`);
    }
    internalUsername = sub;
  } else {
    if (EMAIL.test(username) && (config.aliasAttributes as string[]).includes('email')) {
      throw invalidParameter('Username cannot be of email format, since user pool is configured for email alias.');
    }
    if (pool.users.get(username)) throw new CognitoError('UsernameExistsException', request.existsMessage);
  }
  return {
    username: internalUsername,
    attributes,
    status: request.status,
    enabled: true,
    createdAt: request.nowMs,
    modifiedAt: request.nowMs,
    failedSignIns: 0,
  };
}
