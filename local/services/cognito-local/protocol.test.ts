/** The JSON 1.1 framing: targets, bodies, model validation, CORS for browsers, and the error shape clients parse. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cognitoRequest } from '../../test-support/cognito-request.ts';
import { CREDENTIALS, REGION, startTestCognito, type TestCognito } from './test-cognito.ts';

let t: TestCognito;
beforeAll(async () => {
  t = await startTestCognito();
});
afterAll(() => t?.stop());

const post = (headers: Record<string, string>, body: string) => fetch(t.cognito.url, { method: 'POST', headers, body });

describe("Cognito's JSON 1.1 protocol", () => {
  it('answers errors as HTTP 400 { __type, message } with x-amzn-errortype, and CORS headers for browsers', async () => {
    const answer = await t.call('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', AuthParameters: {} });
    expect(answer).toMatchObject({
      status: 400,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'InvalidParameterException', 'access-control-allow-origin': '*' },
      body: { __type: 'InvalidParameterException', message: "1 validation error detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null" },
    });
    const badFlow = await t.call('InitiateAuth', { AuthFlow: 'MAGIC', ClientId: t.client('WebClient').clientId });
    expect(badFlow.body.message).toMatch(/^1 validation error detected: Value 'MAGIC' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set/);
  });

  it('never quotes a password in a validation message', async () => {
    const long = 'p'.repeat(300);
    const answer = await t.call('SignUp', { ClientId: t.client('WebClient').clientId, Username: 'x@example.com', Password: long });
    expect(answer.body.__type).toBe('InvalidParameterException');
    expect(JSON.stringify(answer.body)).not.toContain(long);
  });

  it('answers a preflight as Cognito does for browser apps, and refuses unknown targets and bodies that are not JSON', async () => {
    const preflight = await fetch(t.cognito.url, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target,x-amz-user-agent' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type,x-amz-target,x-amz-user-agent');
    const unknown = await post({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.CreateUserPool' }, '{}');
    expect(await unknown.json()).toMatchObject({ __type: 'UnknownOperationException' });
    const notJson = await post({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.SignUp' }, '{nope');
    expect(await notJson.json()).toMatchObject({ __type: 'SerializationException' });
  });

  it('keeps the codes store for the developer: no CORS header on GET /store', async () => {
    const store = await fetch(`${t.cognito.url}/store`, { headers: { origin: 'https://evil.example' } });
    expect(store.status).toBe(200);
    expect(store.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("accepts an Admin* request signed for Cognito's own host (an endpoint override forwards it unchanged)", async () => {
    const answer = await cognitoRequest({
      url: t.cognito.url,
      operation: 'AdminGetUser',
      input: { UserPoolId: t.pool('Staff').userPoolId, Username: 'nobody' },
      region: REGION,
      credentials: CREDENTIALS,
      host: `cognito-idp.${REGION}.amazonaws.com`,
    });
    expect(answer.body).toEqual({ __type: 'UserNotFoundException', message: 'User does not exist.' });
  });

  it('keeps users and keys across a hot reload of the pools (setPools), and serves a pool only while the template has it', async () => {
    const staff = t.pool('Staff');
    await t.admin('AdminCreateUser', { UserPoolId: staff.userPoolId, Username: 'reloaded', MessageAction: 'SUPPRESS' });
    const jwks = async () => (await fetch(t.cognito.jwksUrl(staff.userPoolId))).json() as Promise<unknown>;
    const keysBefore = await jwks();
    const pools = t.config.userPools!;
    t.cognito.setPools(pools.map((pool) => (pool.logicalId === 'Staff' ? { ...pool, passwordPolicy: { ...pool.passwordPolicy, minimumLength: 12 } } : pool)));
    expect((await t.admin('AdminGetUser', { UserPoolId: staff.userPoolId, Username: 'reloaded' })).body).toMatchObject({ Username: 'reloaded' });
    expect(await jwks()).toEqual(keysBefore);
    const shortPassword = await t.admin('AdminSetUserPassword', { UserPoolId: staff.userPoolId, Username: 'reloaded', Password: 'Eleven1char', Permanent: true });
    expect(shortPassword.body).toMatchObject({ __type: 'InvalidPasswordException' });
    t.cognito.setPools(pools.filter((pool) => pool.logicalId !== 'Staff'));
    expect((await t.admin('AdminGetUser', { UserPoolId: staff.userPoolId, Username: 'reloaded' })).body).toEqual({ __type: 'ResourceNotFoundException', message: `User pool ${staff.userPoolId} does not exist.` });
    t.cognito.setPools(pools);
    expect((await t.admin('AdminGetUser', { UserPoolId: staff.userPoolId, Username: 'reloaded' })).status).toBe(200);
  });
});
