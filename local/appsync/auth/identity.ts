/** ctx.identity per auth mode, shaped like AppSync's resolver context reference. */
import type { Identity } from '../runtime/types.ts';

/** The account id the local engine reports for IAM callers. */
export const LOCAL_ACCOUNT_ID = '000000000000';

/**
 * The IAM identity of a SigV4 caller. AppSync fills the cognito* fields only for Cognito identity-pool
 * credentials; local credentials are a plain IAM user, so they are null.
 */
export function iamIdentity(accessKeyId: string, sourceIp: string): Identity {
  return {
    accountId: LOCAL_ACCOUNT_ID,
    cognitoIdentityPoolId: null,
    cognitoIdentityId: null,
    cognitoIdentityAuthType: null,
    cognitoIdentityAuthProvider: null,
    sourceIp: [sourceIp],
    // Decision: AppSync reports the IAM user's unique id here; locally the access key id stands in for it.
    username: accessKeyId,
    userArn: `arn:aws:iam::${LOCAL_ACCOUNT_ID}:user/local`,
  };
}
