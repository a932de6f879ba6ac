/**
 * New ID and access tokens for a refresh token: InitiateAuth's REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken (the
 * newer operation some clients call). The token must be this client's, unrevoked and unexpired, and its user must
 * still exist and be enabled. No new refresh token is issued (no rotation locally).
 */
import { timingSafeEqual } from 'node:crypto';
import type { UserPoolClientConfig } from '../../../stack-description.ts';
import { CognitoError } from '../errors.ts';
import { stringMember } from '../input.ts';
import type { LocalUserPool } from '../local-pool.ts';
import { poolOfClient } from './lookup.ts';
import { refreshed } from './sign-in-result.ts';
import type { CognitoServices, Operation } from './types.ts';

/** @param checkClient the client's own proof (SECRET_HASH or ClientSecret), given the token's internal username. */
export async function refreshSignIn(
  services: CognitoServices,
  pool: LocalUserPool,
  client: UserPoolClientConfig,
  token: string,
  checkClient: (username: string) => void,
): Promise<Record<string, unknown>> {
  const record = pool.refreshTokens.find(token);
  if (!record || record.clientId !== client.clientId) throw new CognitoError('NotAuthorizedException', 'Invalid Refresh Token');
  if (record.revoked) throw new CognitoError('NotAuthorizedException', 'Refresh Token has been revoked');
  if (record.expiresAt <= services.now()) throw new CognitoError('NotAuthorizedException', 'Refresh Token has expired');
  checkClient(record.username);
  const user = pool.users.get(record.username);
  if (!user) throw new CognitoError('NotAuthorizedException', 'User does not exist.');
  if (!user.enabled) throw new CognitoError('NotAuthorizedException', 'User is disabled.');
  // InitiateAuth's ClientMetadata does not reach PreTokenGeneration (API reference).
  return refreshed(services, pool, client, user, { originJti: record.originJti, authTime: record.authTime }, {});
}

export const getTokensFromRefreshToken: Operation = async (input, services) => {
  const { pool, client } = poolOfClient(services, stringMember(input, 'ClientId', { required: true, max: 128 }));
  const token = stringMember(input, 'RefreshToken', { required: true });
  const secret = stringMember(input, 'ClientSecret');
  const answer = await refreshSignIn(services, pool, client, token, () => {
    if (client.clientSecret === undefined) return;
    const given = Buffer.from(secret ?? '');
    const expected = Buffer.from(client.clientSecret);
    if (!(given.length === expected.length && timingSafeEqual(given, expected))) throw new CognitoError('NotAuthorizedException', 'Invalid client secret.');
  });
  return { AuthenticationResult: answer.AuthenticationResult };
};
