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

/** The OIDC identity (resolver-context-reference: `sub`, `issuer`, `claims`). */
export function oidcIdentity(claims: Record<string, unknown>): Identity {
  return { sub: claims.sub ?? null, issuer: claims.iss ?? null, claims };
}

/**
 * The Cognito user pools identity. `username` is `cognito:username` (ID tokens) or `username` (access tokens);
 * `groups` is `cognito:groups` or null; `defaultAuthStrategy` the pool's DefaultAction (ALLOW for additional pools,
 * which have none).
 */
export function userPoolIdentity(claims: Record<string, unknown>, sourceIp: string, defaultAction: 'ALLOW' | 'DENY'): Identity {
  const groups = claims['cognito:groups'];
  return {
    sub: claims.sub ?? null,
    issuer: claims.iss ?? null,
    username: claims['cognito:username'] ?? claims.username ?? null,
    claims,
    sourceIp: [sourceIp],
    groups: Array.isArray(groups) ? groups.filter((group): group is string => typeof group === 'string') : null,
    defaultAuthStrategy: defaultAction,
  };
}

/** The Lambda authorizer identity: the authorizer's `resolverContext` (an empty object when it returned none). */
export function lambdaIdentity(resolverContext: Record<string, unknown>): Identity {
  return { resolverContext };
}
