/**
 * Tokens: RS256 under the pool's JWKS with Cognito's claims (verified with jose, as any resource server would),
 * refresh, GetUser, GlobalSignOut and revocation, SECRET_HASH for a client with a secret, and the pool's state kept
 * across a restart with a state dir.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IamCredentialStore } from '../../appsync/auth/credential-store.ts';
import { cognitoRequest } from '../../test-support/cognito-request.ts';
import { startCognitoLocal } from './cognito-local.ts';
import { authenticate, CognitoUser, getSession, globalSignOut, refreshSession, userPoolClient } from './identity-js-client.ts';
import { secretHashOf } from './secret-hash.ts';
import { signingKeysFromPem } from './signing-keys.ts';
import { CREDENTIALS, readFixture, REGION, startTestCognito, type TestCognito } from './test-cognito.ts';

let t: TestCognito;
beforeAll(async () => {
  t = await startTestCognito();
  const staff = t.pool('Staff').userPoolId;
  await t.admin('AdminCreateUser', { UserPoolId: staff, Username: 'grace', UserAttributes: [{ Name: 'email', Value: 'grace@example.com' }], MessageAction: 'SUPPRESS' });
  await t.admin('AdminSetUserPassword', { UserPoolId: staff, Username: 'grace', Password: 'Grace1password', Permanent: true });
});
afterAll(() => t?.stop());

const signInGrace = async () => {
  const pool = userPoolClient(t.cognito.url, t.pool('Staff').userPoolId, t.client('StaffClient').clientId);
  const user = new CognitoUser({ Username: 'grace', Pool: pool });
  const step = await authenticate(user, 'grace', 'Grace1password');
  if (step.kind !== 'signedIn') throw new Error(`not signed in: ${JSON.stringify(step)}`);
  return { user, session: step.session };
};
const issuerOf = (poolId: string) => `https://cognito-idp.${REGION}.amazonaws.com/${poolId}`;

describe('ID and access tokens', () => {
  it('verify with jose against the pool JWKS, with Cognito\'s claims', async () => {
    const { session } = await signInGrace();
    const poolId = t.pool('Staff').userPoolId;
    const clientId = t.client('StaffClient').clientId;
    const keys = createRemoteJWKSet(new URL(t.cognito.jwksUrl(poolId)));
    const id = await jwtVerify(session.getIdToken().getJwtToken(), keys, { issuer: issuerOf(poolId), audience: clientId, algorithms: ['RS256'] });
    expect(id.protectedHeader).toEqual({ kid: expect.any(String), alg: 'RS256' });
    expect(id.payload).toEqual({
      sub: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email: 'grace@example.com',
      iss: issuerOf(poolId),
      'cognito:username': 'grace',
      origin_jti: expect.any(String),
      aud: clientId,
      event_id: expect.any(String),
      token_use: 'id',
      auth_time: expect.any(Number),
      exp: expect.any(Number),
      iat: expect.any(Number),
      jti: expect.any(String),
    });
    const access = await jwtVerify(session.getAccessToken().getJwtToken(), keys, { issuer: issuerOf(poolId), algorithms: ['RS256'] });
    expect(access.payload).toEqual({
      sub: id.payload.sub,
      iss: issuerOf(poolId),
      client_id: clientId,
      origin_jti: id.payload.origin_jti,
      event_id: expect.any(String),
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      auth_time: id.payload.auth_time,
      exp: expect.any(Number),
      iat: expect.any(Number),
      jti: expect.any(String),
      username: 'grace',
    });
    // Two keys: the ID token's and the access token's.
    expect(id.protectedHeader.kid).not.toBe(access.protectedHeader.kid);
    const [header, payload, signature] = session.getIdToken().getJwtToken().split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...id.payload, 'cognito:username': 'admin' })).toString('base64url')}.${signature}`;
    await expect(jwtVerify(tampered, keys, { issuer: issuerOf(poolId) })).rejects.toThrow(/signature/);
    expect(payload).not.toBe(tampered.split('.')[1]);
  });

  it('serves an OIDC discovery document naming Cognito\'s issuer and the local JWKS', async () => {
    const poolId = t.pool('Users').userPoolId;
    const document = (await (await fetch(`${t.cognito.url}/${poolId}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(document).toMatchObject({ issuer: issuerOf(poolId), jwks_uri: t.cognito.jwksUrl(poolId) });
    expect(t.cognito.issuerOverrides()[issuerOf(poolId)]).toBe(`${t.cognito.url}/${poolId}`);
  });
});

describe('refresh, GetUser and GlobalSignOut', () => {
  it('refreshes into new tokens of the same sign-in; GlobalSignOut revokes the refresh token and the access token', async () => {
    const { user, session } = await signInGrace();
    const refreshed = await refreshSession(user, session);
    if ('failed' in refreshed) throw new Error(refreshed.message);
    const [before, after] = [session, refreshed].map((s) => s.getAccessToken().decodePayload());
    expect(after).toMatchObject({ origin_jti: before!.origin_jti, auth_time: before!.auth_time });
    expect(after!.jti).not.toBe(before!.jti);
    // getSession gives the cached, still valid session.
    expect((await getSession(user)).getIdToken().getJwtToken()).toBe(refreshed.getIdToken().getJwtToken());

    const accessToken = refreshed.getAccessToken().getJwtToken();
    expect((await t.call('GetUser', { AccessToken: accessToken })).body).toMatchObject({ Username: 'grace', UserAttributes: expect.arrayContaining([{ Name: 'email', Value: 'grace@example.com' }]) });
    expect(await globalSignOut(user)).toBe('SUCCESS');
    expect((await t.call('GetUser', { AccessToken: accessToken })).body).toEqual({ __type: 'NotAuthorizedException', message: 'Access Token has been revoked' });
    // Raw, not refreshSession: AWS's client retries a failed refresh with backoff for about 6 seconds.
    const revoked = await t.call('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: t.client('StaffClient').clientId, AuthParameters: { REFRESH_TOKEN: session.getRefreshToken().getToken() } });
    expect(revoked.body).toEqual({ __type: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
    // A new sign-in is not affected.
    const again = await signInGrace();
    expect((await t.call('GetUser', { AccessToken: again.session.getAccessToken().getJwtToken() })).status).toBe(200);
  });

  it('RevokeToken (what Amplify\'s signOut calls) ends one sign-in and leaves the others', async () => {
    const one = await signInGrace();
    const two = await signInGrace();
    const clientId = t.client('StaffClient').clientId;
    expect((await t.call('RevokeToken', { ClientId: clientId, Token: one.session.getRefreshToken().getToken() })).body).toEqual({});
    expect((await t.call('GetUser', { AccessToken: one.session.getAccessToken().getJwtToken() })).body.message).toBe('Access Token has been revoked');
    expect((await t.call('GetUser', { AccessToken: two.session.getAccessToken().getJwtToken() })).status).toBe(200);
    const refresh = await t.call('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: one.session.getRefreshToken().getToken() } });
    expect(refresh.body.message).toBe('Refresh Token has been revoked');
  });

  it('refuses a tampered or foreign access token, and a refresh token of another client', async () => {
    const { session } = await signInGrace();
    const token = session.getAccessToken().getJwtToken();
    expect((await t.call('GetUser', { AccessToken: `${token.slice(0, -4)}AAAA` })).body).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid Access Token' });
    expect((await t.call('GetUser', { AccessToken: session.getIdToken().getJwtToken() })).body.message).toBe('Invalid Access Token');
    const refresh = session.getRefreshToken().getToken();
    const elsewhere = await t.call('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: t.client('LegacyClient').clientId, AuthParameters: { REFRESH_TOKEN: refresh } });
    expect(elsewhere.body).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
  });
});

describe('a client with a secret (SECRET_HASH) and USER_PASSWORD_AUTH', () => {
  it('needs SECRET_HASH over the username and client id, and refreshes with the hash over the internal username', async () => {
    const client = t.client('ServerClient');
    const secretClient = { ...client, clientSecret: client.clientSecret! };
    await t.call('SignUp', {
      ClientId: client.clientId,
      Username: 'svc@example.com',
      Password: 'Str0ng-passw0rd!',
      SecretHash: secretHashOf(secretClient, 'svc@example.com'),
      ClientMetadata: { autoConfirm: 'yes' },
    });
    const signIn = (parameters: Record<string, string>) =>
      t.call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client.clientId, AuthParameters: { USERNAME: 'svc@example.com', PASSWORD: 'Str0ng-passw0rd!', ...parameters } });
    expect((await signIn({})).body).toEqual({ __type: 'NotAuthorizedException', message: `Client ${client.clientId} is configured with secret but SECRET_HASH was not received` });
    expect((await signIn({ SECRET_HASH: 'AAAA' })).body).toEqual({ __type: 'NotAuthorizedException', message: `Unable to verify secret hash for client ${client.clientId}` });
    const ok = await signIn({ SECRET_HASH: secretHashOf(secretClient, 'svc@example.com') });
    expect(ok.body).toMatchObject({ ChallengeParameters: {}, AuthenticationResult: { TokenType: 'Bearer', ExpiresIn: 3600 } });
    const result = ok.body.AuthenticationResult as Record<string, string>;
    const sub = JSON.parse(Buffer.from(result.IdToken!.split('.')[1]!, 'base64url').toString()).sub as string;
    const refresh = await t.call('InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: client.clientId,
      AuthParameters: { REFRESH_TOKEN: result.RefreshToken!, SECRET_HASH: secretHashOf(secretClient, sub) },
    });
    expect(refresh.body).toMatchObject({ AuthenticationResult: { IdToken: expect.any(String), AccessToken: expect.any(String) } });
    expect((refresh.body.AuthenticationResult as Record<string, unknown>).RefreshToken).toBeUndefined();
    // GetTokensFromRefreshToken, the newer operation: the client secret itself instead of a hash.
    const newer = (ClientSecret: string) => t.call('GetTokensFromRefreshToken', { ClientId: client.clientId, RefreshToken: result.RefreshToken!, ClientSecret });
    expect((await newer('wrong')).body).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid client secret.' });
    expect((await newer(client.clientSecret!)).body).toMatchObject({ AuthenticationResult: { IdToken: expect.any(String), TokenType: 'Bearer' } });
  });

  it('refuses USER_PASSWORD_AUTH on a client that does not allow it', async () => {
    const web = await t.call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: t.client('WebClient').clientId, AuthParameters: { USERNAME: 'a', PASSWORD: 'b' } });
    expect(web.body).toEqual({ __type: 'InvalidParameterException', message: 'USER_PASSWORD_AUTH flow not enabled for this client' });
    const unknown = await t.call('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: 'nosuchclient', AuthParameters: { USERNAME: 'a', SRP_A: '1' } });
    expect(unknown.body).toEqual({ __type: 'ResourceNotFoundException', message: 'User pool client nosuchclient does not exist.' });
  });
});

describe('Admin* operations need a SigV4 signature from accepted credentials', () => {
  it('refuses unsigned, unknown-key and wrong-service requests as AWS\'s front end does', async () => {
    const input = { UserPoolId: t.pool('Staff').userPoolId, Username: 'grace' };
    expect((await t.call('AdminGetUser', input)).body).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
    const stranger = await cognitoRequest({ url: t.cognito.url, operation: 'AdminGetUser', input, region: REGION, credentials: { accessKeyId: 'AKIASTRANGER00000000', secretAccessKey: 'x' } });
    expect(stranger.body.__type).toBe('UnrecognizedClientException');
    const otherService = await cognitoRequest({ url: t.cognito.url, operation: 'AdminGetUser', input, region: REGION, credentials: CREDENTIALS, service: 'kms' });
    expect(otherService.body.__type).toBe('InvalidSignatureException');
    const signed = await t.admin('AdminGetUser', input);
    expect(signed.body).toMatchObject({ Username: 'grace', UserStatus: 'CONFIRMED', Enabled: true, UserAttributes: expect.any(Array) });
    expect((await t.admin('AdminGetUser', { ...input, Username: 'nobody' })).body).toEqual({ __type: 'UserNotFoundException', message: 'User does not exist.' });
  });

  it('answers a page on another site (DNS rebinding) with 403', async () => {
    const rebound = await cognitoRequest({ url: t.cognito.url, operation: 'SignUp', input: {}, region: REGION, host: 'evil.example:80' });
    expect(rebound.status).toBe(403);
  });
});

describe('state across restarts (--persist)', () => {
  it('answers requests sent while a new pool makes its keys, and keeps keys made for a pool stopped before any request', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'cognito-state-'));
    const workDir = mkdtempSync(join(tmpdir(), 'cognito-fixture-'));
    const pools = readFixture(workDir).userPools ?? [];
    const staff = pools.find((pool) => pool.logicalId === 'Staff')!;
    const kids = async (url: string) => ((await (await fetch(url)).json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid);
    try {
      // The keys are made off the main thread after the start resolved: this first request waits for them.
      const unpersisted = await startCognitoLocal({ region: REGION, credentials: new IamCredentialStore(), pools });
      const served = await kids(unpersisted.jwksUrl(staff.userPoolId));
      await unpersisted.stop();
      expect(served).toHaveLength(2);
      expect(new Set(served).size).toBe(2);

      await (await startCognitoLocal({ region: REGION, credentials: new IamCredentialStore(), pools, stateDir })).stop();
      const stored = (JSON.parse(readFileSync(join(stateDir, 'cognito-state.json'), 'utf8')) as { pools: Record<string, { keys: { id: string; access: string } }> }).pools;
      const keys = signingKeysFromPem(stored[staff.userPoolId]!.keys);
      const restarted = await startCognitoLocal({ region: REGION, credentials: new IamCredentialStore(), pools, stateDir });
      try {
        expect(await kids(restarted.jwksUrl(staff.userPoolId))).toEqual([keys.id.kid, keys.access.kid]);
        expect([keys.id.kid, keys.access.kid]).not.toEqual(served);
      } finally {
        await restarted.stop();
      }
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
      rmSync(workDir, { recursive: true, force: true });
    }
  });

  it('keeps users, signing keys and refresh tokens in a 0600 file without passwords', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'cognito-state-'));
    const workDir = mkdtempSync(join(tmpdir(), 'cognito-fixture-'));
    const pools = readFixture(workDir).userPools ?? [];
    const staff = pools.find((pool) => pool.logicalId === 'Staff')!;
    const clientId = staff.clients[0]!.clientId;
    const credentials = new IamCredentialStore();
    credentials.add({ ...CREDENTIALS, principal: { accountId: '000000000000', userArn: 'arn:aws:iam::000000000000:user/local', username: 'AIDALOCAL' } });
    try {
      const first = await startCognitoLocal({ region: REGION, credentials, pools, stateDir });
      await cognitoRequest({ url: first.url, operation: 'AdminCreateUser', region: REGION, credentials: CREDENTIALS, input: { UserPoolId: staff.userPoolId, Username: 'kept', MessageAction: 'SUPPRESS' } });
      await cognitoRequest({ url: first.url, operation: 'AdminSetUserPassword', region: REGION, credentials: CREDENTIALS, input: { UserPoolId: staff.userPoolId, Username: 'kept', Password: 'Kept1password', Permanent: true } });
      const signIn = (url: string) => cognitoRequest({ url, operation: 'InitiateAuth', region: REGION, input: { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'kept', PASSWORD: 'Kept1password' } } });
      const before = (await signIn(first.url)).body.AuthenticationResult as Record<string, string>;
      await first.stop();

      const file = join(stateDir, 'cognito-state.json');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8')).not.toContain('Kept1password');

      const second = await startCognitoLocal({ region: REGION, credentials, pools, stateDir });
      try {
        expect((await signIn(second.url)).status).toBe(200);
        // The old tokens still verify and work: same keys, same sign-in.
        await jwtVerify(before.IdToken!, createRemoteJWKSet(new URL(second.jwksUrl(staff.userPoolId))), { issuer: issuerOf(staff.userPoolId) });
        const refreshed = await cognitoRequest({ url: second.url, operation: 'InitiateAuth', region: REGION, input: { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: before.RefreshToken! } } });
        expect(refreshed.status).toBe(200);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
      rmSync(workDir, { recursive: true, force: true });
    }
  });
});
