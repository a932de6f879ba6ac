/**
 * GetUser and GlobalSignOut, the signed-in user's own operations authorized by their access token, and RevokeToken
 * (what Amplify's signOut calls), authorized by the refresh token itself. All unsigned.
 */
import { timingSafeEqual } from 'node:crypto';
import { verifyAccessToken } from '../access-token.ts';
import { CognitoError } from '../errors.ts';
import { stringMember } from '../input.ts';
import { attributeList } from '../user-shapes.ts';
import { poolOfClient } from './lookup.ts';
import type { Operation } from './types.ts';

export const getUser: Operation = async (input, services) => {
  const { user } = verifyAccessToken(stringMember(input, 'AccessToken', { required: true }), services.pools, services.now());
  return { Username: user.username, UserAttributes: attributeList(user) };
};

/** Revokes every sign-in of the user: their refresh tokens stop working and GetUser refuses their access tokens. */
export const globalSignOut: Operation = async (input, services) => {
  const { pool, user } = verifyAccessToken(stringMember(input, 'AccessToken', { required: true }), services.pools, services.now());
  pool.refreshTokens.revokeUser(user.username);
  services.changed();
  return {};
};

/**
 * Revokes the sign-in a refresh token belongs to: the token stops refreshing and its access tokens are refused by
 * GetUser. An unknown token is not an error (OAuth's revocation rule; Cognito's answer is not documented: ours).
 */
export const revokeToken: Operation = async (input, services) => {
  const token = stringMember(input, 'Token', { required: true });
  const { pool, client } = poolOfClient(services, stringMember(input, 'ClientId', { required: true, max: 128 }));
  if (client.clientSecret !== undefined) {
    const given = Buffer.from(stringMember(input, 'ClientSecret') ?? '');
    const expected = Buffer.from(client.clientSecret);
    if (!(given.length === expected.length && timingSafeEqual(given, expected))) throw new CognitoError('NotAuthorizedException', 'Invalid client secret.');
  }
  const record = pool.refreshTokens.find(token);
  if (!record) return {};
  if (record.clientId !== client.clientId) throw new CognitoError('NotAuthorizedException', 'Invalid Refresh Token');
  pool.refreshTokens.revoke(record);
  services.changed();
  return {};
};
