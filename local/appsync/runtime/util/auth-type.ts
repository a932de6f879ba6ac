import type { Identity } from '../types.ts';

/**
 * `util.authType()` from the shape of `ctx.identity` (runtime-utils-js lists the four strings). Decision: a Lambda
 * authorizer identity (`resolverContext`) reports "Lambda Authorization" — that string is not documented.
 */
export function authType(identity: Identity): string {
  if (!identity) return 'API Key Authorization';
  if ('resolverContext' in identity) return 'Lambda Authorization';
  if ('accountId' in identity || 'userArn' in identity || 'cognitoIdentityAuthType' in identity) {
    return 'IAM Authorization';
  }
  const issuer = typeof identity.issuer === 'string' ? identity.issuer : '';
  if (issuer.includes('cognito-idp.') || 'groups' in identity || 'defaultAuthStrategy' in identity) {
    return 'User Pool Authorization';
  }
  return 'Open ID Connect Authorization';
}
