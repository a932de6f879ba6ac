/** The `cognito` entry of the endpoints file: the first pool and its first client, and every pool with its clients. */
import type { CognitoEndpoints } from '../../endpoints.ts';
import type { UserPoolConfig } from '../../stack-description.ts';
import type { CognitoLocal } from './cognito-local.ts';

export function cognitoEndpoints(cognito: CognitoLocal, pools: readonly UserPoolConfig[]): CognitoEndpoints {
  const [first] = pools;
  if (!first) throw new Error('The local Cognito runs only for a template with user pools.');
  const clientId = first.clients[0]?.clientId;
  return {
    endpoint: cognito.url,
    region: cognito.region,
    userPoolId: first.userPoolId,
    ...(clientId ? { clientId } : {}),
    userPools: pools.map((pool) => ({
      userPoolId: pool.userPoolId,
      name: pool.name,
      issuer: `https://cognito-idp.${pool.userPoolId.split('_')[0]}.amazonaws.com/${pool.userPoolId}`,
      jwksUrl: cognito.jwksUrl(pool.userPoolId),
      clients: pool.clients.map((client) => ({ clientId: client.clientId, name: client.name })),
    })),
  };
}
