/** ctx.identity per auth mode, shaped like AppSync's resolver context reference. */
import type { IamPrincipal } from '../../iam-principals.ts';
import type { Identity } from '../runtime/types.ts';

/**
 * The IAM identity of a SigV4 caller signing as `principal`. AppSync fills the cognito* fields only for Cognito
 * identity-pool credentials; local credentials are an IAM user or an assumed role, so they are null.
 */
export function iamIdentity(principal: IamPrincipal, sourceIp: string): Identity {
  return {
    accountId: principal.accountId,
    cognitoIdentityPoolId: null,
    cognitoIdentityId: null,
    cognitoIdentityAuthType: null,
    cognitoIdentityAuthProvider: null,
    sourceIp: [sourceIp],
    username: principal.username,
    userArn: principal.userArn,
  };
}
