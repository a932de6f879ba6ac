/**
 * The engine's AMAZON_COGNITO_USER_POOLS mode with tokens of the local Cognito: the fixture API trusts the `Users`
 * pool, the engine finds the pool's keys through `issuerOverrides` (as the local stack wires it), accepts ID and
 * access tokens, fills `ctx.identity` as AppSync does, and refuses a tampered token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppSyncServer, type AppSyncServer } from '../../appsync/server.ts';
import { authenticate, CognitoUser, userPoolClient } from './identity-js-client.ts';
import { REGION, startTestCognito, type TestCognito } from './test-cognito.ts';

let t: TestCognito;
let engine: AppSyncServer;
let tokens: { id: string; access: string };

beforeAll(async () => {
  t = await startTestCognito();
  engine = await startAppSyncServer({
    api: t.config.apis[0]!,
    dynamodb: { endpoint: 'http://127.0.0.1:9', region: REGION },
    region: REGION,
    issuerOverrides: t.cognito.issuerOverrides(),
  });
  const clientId = t.client('WebClient').clientId;
  await t.call('SignUp', { ClientId: clientId, Username: 'joan@example.com', Password: 'Str0ng-passw0rd!', ClientMetadata: { autoConfirm: 'yes' } });
  const user = new CognitoUser({ Username: 'joan@example.com', Pool: userPoolClient(t.cognito.url, t.pool('Users').userPoolId, clientId) });
  const step = await authenticate(user, 'joan@example.com', 'Str0ng-passw0rd!');
  if (step.kind !== 'signedIn') throw new Error(JSON.stringify(step));
  tokens = { id: step.session.getIdToken().getJwtToken(), access: step.session.getAccessToken().getJwtToken() };
});
afterAll(async () => {
  await engine?.stop();
  await t?.stop();
});

const me = async (headers: Record<string, string>) => {
  const response = await fetch(engine.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ me { sub username issuer groups defaultAuthStrategy sourceIp tokenUse email tier } }' }),
  });
  return { status: response.status, body: (await response.json()) as { data?: { me: Record<string, unknown> | null } | null; errors?: { errorType: string }[] } };
};

describe('@aws_cognito_user_pools with the local Cognito\'s tokens', () => {
  it('accepts an ID token and fills ctx.identity as AppSync does', async () => {
    const answer = await me({ authorization: tokens.id });
    const claims = JSON.parse(Buffer.from(tokens.id.split('.')[1]!, 'base64url').toString()) as Record<string, string>;
    expect(answer.body.data?.me).toEqual({
      sub: claims.sub,
      username: claims.sub, // email is the username: cognito:username is the internal (UUID) name
      issuer: `https://cognito-idp.${REGION}.amazonaws.com/${t.pool('Users').userPoolId}`,
      groups: null,
      defaultAuthStrategy: 'ALLOW',
      sourceIp: [expect.stringMatching(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/)],
      tokenUse: 'id',
      email: 'joan@example.com',
      tier: 'gold',
    });
  });

  it('accepts an access token (username from its username claim)', async () => {
    const answer = await me({ authorization: tokens.access });
    expect(answer.body.data?.me).toMatchObject({ tokenUse: 'access', username: expect.stringMatching(/^[0-9a-f-]{36}$/), email: null });
  });

  it('refuses a tampered token, and an API key on the user-pool field', async () => {
    const [header, payload, signature] = tokens.id.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, email: 'root@example.com' })).toString('base64url')}.${signature}`;
    expect((await me({ authorization: forged })).status).toBe(401);
    const withKey = await me({ 'x-api-key': t.config.apis[0]!.apiKeys[0]!.id });
    expect(withKey.body.errors?.[0]?.errorType).toBe('Unauthorized');
  });
});
