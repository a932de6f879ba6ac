/**
 * The local Cognito inside the local stack, as `appsync-local start --template` runs the fixture app: the endpoints
 * file's `cognito` entry, a passwordless sign-in whose triggers are the stack's own running functions, and the
 * resulting ID token accepted by the stack's engine for a `@aws_cognito_user_pools` field.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../stack.ts';
import { testDynamoDbLocal } from '../../test-support/dynamodb-local.ts';
import { answerCustomChallenge, CognitoUser, initiateCustomAuth, userPoolClient } from './identity-js-client.ts';
import { FIXTURE_TEMPLATE } from './test-cognito.ts';

let stack: LocalStack;
let stateDir: string;
const lines: string[] = [];
beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'cognito-stack-'));
  stack = await startLocalStack({ template: FIXTURE_TEMPLATE, stack: 'CognitoFixture', stateDir, ses: false, dynamodbLocal: testDynamoDbLocal, log: (line) => lines.push(line) });
});
afterAll(async () => {
  await stack?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('the local stack with user pools', () => {
  it('lists the local Cognito in the endpoints file and signs a user in with the stack\'s trigger functions', async () => {
    const cognito = stack.endpoints.cognito!;
    const users = stack.config.userPools!.find((pool) => pool.logicalId === 'Users')!;
    expect(cognito).toMatchObject({ endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), region: stack.endpoints.region, userPoolId: users.userPoolId, clientId: users.clients[0]!.clientId });
    expect(cognito.userPools.map((pool) => pool.name)).toEqual(['fixture-users', 'Staff']);

    const signUp = await fetch(cognito.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.SignUp' },
      body: JSON.stringify({ ClientId: cognito.clientId, Username: 'zoe@example.com', Password: 'Str0ng-passw0rd!', ClientMetadata: { autoConfirm: 'yes' } }),
    });
    expect(signUp.status).toBe(200);
    const user = new CognitoUser({ Username: 'zoe@example.com', Pool: userPoolClient(cognito.endpoint, cognito.userPoolId, cognito.clientId!) });
    expect((await initiateCustomAuth(user, 'zoe@example.com')).kind).toBe('customChallenge');
    const code = lines.map((line) => /CHALLENGE-CODE zoe@example\.com (\d{6})$/.exec(line)?.[1]).filter(Boolean).at(-1)!;
    const done = await answerCustomChallenge(user, code);
    expect(done.kind).toBe('signedIn');
    if (done.kind !== 'signedIn') return;

    const answer = await fetch(stack.endpoints.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: done.session.getIdToken().getJwtToken() },
      body: JSON.stringify({ query: '{ me { email tokenUse } }' }),
    });
    expect(await answer.json()).toEqual({ data: { me: { email: 'zoe@example.com', tokenUse: 'id' } } });
  });
});
