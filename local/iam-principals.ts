/**
 * The IAM principals local credentials stand for, shaped as AppSync reports IAM callers in `ctx.identity`
 * (APPSYNC-REFERENCE §1): an IAM user (`userArn` the user's ARN, `username` its unique id) or an assumed-role
 * session (`userArn` `arn:aws:sts::<account>:assumed-role/<RoleName>/<session>`, `username` `<roleId>:<session>`).
 */
import { createHash } from 'node:crypto';

/** The account id the local stack stands in for AWS with. */
export const LOCAL_ACCOUNT_ID = '000000000000';

/** Who a request signed with some local credentials comes from. */
export interface IamPrincipal {
  /** `ctx.identity.accountId` */
  accountId: string;
  /** `ctx.identity.userArn` */
  userArn: string;
  /** `ctx.identity.username`: a user's unique id (`AIDA…`), or `<roleId>:<sessionName>` for an assumed role. */
  username: string;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const UNIQUE_ID_LENGTH = 17;

/**
 * A unique id in IAM's shape (a 4-letter prefix and 17 characters: `AIDA…` users, `AROA…` roles). Derived from the
 * ARN rather than drawn at random, so a role keeps its id across hot reloads and the template's `RoleId` and the
 * function principal's `username` agree without sharing state.
 */
export function localUniqueId(prefix: 'AIDA' | 'AROA', arn: string): string {
  const digest = createHash('sha256').update(arn).digest();
  let id = prefix;
  // 256 is a multiple of 32: every character is equally likely.
  for (let index = 0; index < UNIQUE_ID_LENGTH; index += 1) id += BASE32[digest[index]! % BASE32.length];
  return id;
}

/**
 * The principal of IAM user `userName`.
 * @example iamUserPrincipal('local').userArn // 'arn:aws:iam::000000000000:user/local'
 */
export function iamUserPrincipal(userName: string, accountId: string = LOCAL_ACCOUNT_ID): IamPrincipal {
  const userArn = `arn:aws:iam::${accountId}:user/${userName}`;
  return { accountId, userArn, username: localUniqueId('AIDA', userArn) };
}

/** The IAM user the local stack's own credentials (`.local/endpoints.json`'s `iam`) stand for. */
export const LOCAL_USER: IamPrincipal = iamUserPrincipal('local');

/** The `RoleId` of the role with this ARN (`AROA…`). */
export function roleIdOf(roleArn: string): string {
  return localUniqueId('AROA', roleArn);
}

/** `arn:<partition>:iam::<account>:role/<path/><RoleName>`; the path is not part of an assumed-role ARN. */
const ROLE_ARN = /^arn:([a-z-]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

/**
 * The principal of a session of the role `roleArn`. Lambda assumes a function's execution role with the function's
 * name as the session name.
 * @example
 * assumedRolePrincipal('arn:aws:iam::000000000000:role/S-PublisherRole', 'publisher').userArn
 * // 'arn:aws:sts::000000000000:assumed-role/S-PublisherRole/publisher'
 */
export function assumedRolePrincipal(roleArn: string, sessionName: string): IamPrincipal {
  const match = ROLE_ARN.exec(roleArn);
  if (!match) throw new Error(`Not an IAM role ARN: ${roleArn}`);
  const [, partition, accountId, roleName] = match as unknown as [string, string, string, string];
  return {
    accountId,
    userArn: `arn:${partition}:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
    username: `${roleIdOf(roleArn)}:${sessionName}`,
  };
}
