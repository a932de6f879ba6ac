import type { IamCredentialStore } from './appsync/auth/credential-store.ts';
import type { IamCredentials } from './appsync/auth/sigv4.ts';
import type { LambdaFunctionConfig } from './stack-description.ts';
import { assumedRolePrincipal } from './iam-principals.ts';
import { randomCredentials } from './local-identity.ts';

/** A function's own credentials and the means to withdraw them. */
export interface IssuedCredentials {
  credentials: IamCredentials;
  /** Removes the credentials from the store (when the function's runner stops). */
  revoke(): void;
}

/**
 * Fresh random credentials for `fn`, as Lambda hands each function its execution role's session credentials:
 * added to `store` (the engine's) as the assumed-role principal of `fn.roleArn` with the function's name as session
 * name, so requests the function signs reach resolvers as that role. A function without a role gets credentials
 * the store does not know (nothing it signs is accepted).
 *
 * @example
 * const { credentials, revoke } = issueFunctionCredentials(fn, store);
 * // store.find(credentials.accessKeyId)?.principal.userArn === 'arn:aws:sts::000000000000:assumed-role/<RoleName>/<fn.name>'
 */
export function issueFunctionCredentials(fn: LambdaFunctionConfig, store: IamCredentialStore): IssuedCredentials {
  const credentials = randomCredentials();
  if (!fn.roleArn) return { credentials, revoke: () => {} };
  store.add({ ...credentials, principal: assumedRolePrincipal(fn.roleArn, fn.name) });
  return { credentials, revoke: () => store.remove(credentials.accessKeyId) };
}

