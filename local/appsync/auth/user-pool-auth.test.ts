/** Cognito user pool tokens, served by a local issuer named like the pool (issuerOverrides). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserPoolProviderConfig } from '../../stack-description.ts';
import { JwksSource } from './jwks-source.ts';
import { startLocalOidcIssuer, type LocalOidcIssuer } from './local-issuer/issuer-server.ts';
import { userPoolIssuer, verifyUserPoolToken } from './user-pool-auth.ts';

const pool: UserPoolProviderConfig = {
  type: 'AMAZON_COGNITO_USER_POOLS',
  userPoolId: 'eu-west-1_Local',
  region: 'eu-west-1',
  appIdClientRegex: 'web-client',
  defaultAction: 'ALLOW',
};
let cognito: LocalOidcIssuer;
let jwks: JwksSource;

beforeAll(async () => {
  cognito = await startLocalOidcIssuer({ issuer: userPoolIssuer(pool), clientId: 'web-client' });
  jwks = new JwksSource({ [cognito.issuer]: cognito.url });
});
afterAll(async () => {
  await cognito?.stop();
});

const verify = (token: string, config: UserPoolProviderConfig = pool) =>
  verifyUserPoolToken(token, config, jwks.keysFor(userPoolIssuer(config)), '203.0.113.7', new Date());

describe('Cognito user pool tokens', () => {
  it('names the pool issuer as Cognito does', () => {
    expect(userPoolIssuer(pool)).toBe('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Local');
  });

  it('accepts an ID token and fills the user pool identity', async () => {
    const token = await cognito.mintToken({ sub: 'u-1', token_use: 'id', 'cognito:username': 'alice', 'cognito:groups': ['admin', 'staff'] });
    const verdict = await verify(token);
    expect(verdict.ok && verdict.identity).toEqual({
      sub: 'u-1',
      issuer: userPoolIssuer(pool),
      username: 'alice',
      claims: expect.objectContaining({ sub: 'u-1', 'cognito:username': 'alice', token_use: 'id' }),
      sourceIp: ['203.0.113.7'],
      groups: ['admin', 'staff'],
      defaultAuthStrategy: 'ALLOW',
    });
  });

  it('accepts an access token (client_id, username) with no groups as groups: null', async () => {
    const token = await cognito.mintToken({ token_use: 'access', aud: undefined, client_id: 'web-client', username: 'bob' });
    const verdict = await verify(token);
    expect(verdict.ok && verdict.identity).toMatchObject({ username: 'bob', groups: null });
  });

  it('matches AppIdClientRegex against aud for ID tokens and client_id for access tokens, nothing else', async () => {
    expect(await verify(await cognito.mintToken({ token_use: 'id', aud: 'other-client' }))).toEqual({ ok: false, reason: 'invalid' });
    // An ID token's client is its aud: a matching client_id does not rescue it.
    expect(await verify(await cognito.mintToken({ token_use: 'id', aud: 'other-client', client_id: 'web-client' }))).toEqual({ ok: false, reason: 'invalid' });
    expect(await verify(await cognito.mintToken({ token_use: 'access', aud: 'web-client', client_id: 'other' }))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses tokens without token_use, of another pool, and expired ones', async () => {
    expect(await verify(await cognito.mintToken({}))).toEqual({ ok: false, reason: 'invalid' });
    const otherPool = { ...pool, userPoolId: 'eu-west-1_Other' };
    expect(await verify(await cognito.mintToken({ token_use: 'id' }), otherPool)).toEqual({ ok: false, reason: 'invalid' });
    const past = Math.floor(Date.now() / 1000) - 10;
    expect(await verify(await cognito.mintToken({ token_use: 'id', exp: past }))).toEqual({ ok: false, reason: 'expired' });
  });
});
