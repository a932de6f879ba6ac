/**
 * The allowed flow on a stack of its own (`--context signInFlow=mfa`, the construct's default): the code only after the
 * password. A passwordless sign-in is refused before anything is written or sent; the MFA sign-in works; and a code
 * issued with the shortest lifetime the construct accepts (60 s) is refused once it has passed.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PURPOSE_ATTRIBUTE, SIGN_IN_PURPOSE } from '../infra/model/index.ts';
import { answerCustomChallenge, authenticate, CognitoUser, initiateCustomAuth, userPoolClient } from '../local/services/cognito-local/identity-js-client.ts';
import { codeIn, emailsTo, listEmails, uniqueEmail, waitForEmail } from './support/inbox.ts';
import { startOtpStack, type OtpStack } from './support/otp-stack.ts';
import { cognitoAdmin, cognitoOf, createUser } from './support/step-up-users.ts';
import { findTableName, localDynamoDb } from './support/table.ts';

const PASSWORD = 'Correct-horse-battery-9';
const CODE_TTL_SECONDS = 60;
let stack: OtpStack;
/** Everything the stack logged: its functions' logs included. */
const lines: string[] = [];

beforeAll(async () => {
  stack = await startOtpStack({
    stateDir: '.local/test-sign-in-flows',
    context: { signInFlow: 'mfa', codeTtlSeconds: String(CODE_TTL_SECONDS) },
    log: (line) => lines.push(line),
  });
}, 600_000);
afterAll(async () => {
  await stack?.stop();
}, 120_000);

async function newUser(label: string): Promise<{ email: string; user: CognitoUser }> {
  const email = uniqueEmail(`flow-${label}`);
  const cognito = cognitoOf(stack.endpoints);
  await createUser(stack.endpoints, email);
  await cognitoAdmin(stack.endpoints, 'AdminSetUserPassword', { UserPoolId: cognito.userPoolId, Username: email, Password: PASSWORD, Permanent: true });
  return { email, user: new CognitoUser({ Username: email, Pool: userPoolClient(cognito.endpoint, cognito.userPoolId, cognito.clientId) }) };
}

async function signInSessionCount(email: string): Promise<number> {
  const dynamoDb = localDynamoDb(stack.endpoints);
  try {
    const { Count = 0 } = await dynamoDb.send(
      new ScanCommand({
        TableName: await findTableName(dynamoDb),
        FilterExpression: 'email = :email AND #purpose = :purpose',
        ExpressionAttributeNames: { '#purpose': PURPOSE_ATTRIBUTE },
        ExpressionAttributeValues: { ':email': { S: email }, ':purpose': { S: SIGN_IN_PURPOSE } },
      }),
    );
    return Count;
  } finally {
    dynamoDb.destroy();
  }
}

describe("flow 'mfa'", () => {
  it('refuses a passwordless sign-in before any code is sent', async () => {
    const { email, user } = await newUser('passwordless');
    expect(await initiateCustomAuth(user, email)).toEqual({ kind: 'failed', code: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    expect(await signInSessionCount(email)).toBe(0);
    expect(emailsTo(await listEmails(stack.endpoints), email)).toHaveLength(0);
  });

  it('signs in with the password, then the code', async () => {
    const { email, user } = await newUser('mfa');
    user.setAuthenticationFlowType('CUSTOM_AUTH');
    expect((await authenticate(user, email, PASSWORD)).kind).toBe('customChallenge');
    const code = codeIn(await waitForEmail(stack.endpoints, email, 30_000));
    expect((await answerCustomChallenge(user, code)).kind).toBe('signedIn');
    // The triggers logged each step (by session id and outcome), and nothing anywhere logged the code.
    expect(lines.filter((line) => /sign-in (challenge created|answer checked|step decided)/.test(line)).length).toBeGreaterThanOrEqual(3);
    expect(lines.filter((line) => line.includes(code))).toEqual([]);
  });

  it('refuses a second sign-in inside the cooldown after the password, saying why; the logs say it too, never the address', async () => {
    const { email, user } = await newUser('cooldown');
    user.setAuthenticationFlowType('CUSTOM_AUTH');
    expect((await authenticate(user, email, PASSWORD)).kind).toBe('customChallenge');
    await waitForEmail(stack.endpoints, email, 30_000);
    const cognito = cognitoOf(stack.endpoints);
    const again = new CognitoUser({ Username: email, Pool: userPoolClient(cognito.endpoint, cognito.userPoolId, cognito.clientId) });
    again.setAuthenticationFlowType('CUSTOM_AUTH');
    expect(await authenticate(again, email, PASSWORD)).toMatchObject({ kind: 'failed', code: 'UserLambdaValidationException', message: expect.stringContaining('RateLimitExceeded') });
    expect(lines.filter((line) => line.includes('sign-in challenge refused') && line.includes('RateLimitExceeded'))).toHaveLength(1);
    expect(lines.filter((line) => line.includes(email))).toEqual([]);
    expect(await signInSessionCount(email)).toBe(1);
  });

  it(
    'refuses the right code once its lifetime has passed',
    async () => {
      const { email, user } = await newUser('expired');
      user.setAuthenticationFlowType('CUSTOM_AUTH');
      const challenge = await authenticate(user, email, PASSWORD);
      if (challenge.kind !== 'customChallenge') throw new Error(JSON.stringify(challenge));
      const code = codeIn(await waitForEmail(stack.endpoints, email, 30_000));
      // Cognito's own session of a sign-in lasts 3 minutes (AuthSessionValidity), longer than the code.
      const wait = Date.parse(challenge.parameters.expiresAt!) - Date.now() + 1500;
      expect(wait).toBeLessThanOrEqual((CODE_TTL_SECONDS + 2) * 1000);
      await new Promise((resolve) => setTimeout(resolve, wait));
      expect(await answerCustomChallenge(user, code)).toEqual({ kind: 'failed', code: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    },
    120_000,
  );
});
