/**
 * SECRET_HASH, required from clients that have a secret: Base64(HMAC-SHA256(clientSecret, username + clientId)),
 * where username is what the request names the user by. Checked in constant time; Cognito's messages.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { UserPoolClientConfig } from '../../stack-description.ts';
import { CognitoError } from './errors.ts';

export function secretHashOf(client: UserPoolClientConfig & { clientSecret: string }, username: string): string {
  return createHmac('sha256', client.clientSecret).update(`${username}${client.clientId}`).digest('base64');
}

/** @throws CognitoError NotAuthorizedException when the client has a secret and `given` is missing or wrong. */
export function checkSecretHash(client: UserPoolClientConfig, username: string, given: string | undefined): void {
  if (client.clientSecret === undefined) return;
  if (given === undefined) throw new CognitoError('NotAuthorizedException', `Client ${client.clientId} is configured with secret but SECRET_HASH was not received`);
  const expected = Buffer.from(secretHashOf({ ...client, clientSecret: client.clientSecret }, username));
  const actual = Buffer.from(given);
  if (!(expected.length === actual.length && timingSafeEqual(expected, actual))) {
    throw new CognitoError('NotAuthorizedException', `Unable to verify secret hash for client ${client.clientId}`);
  }
}
