/**
 * The allowed flow on a stack of its own (`--context signInFlow=mfa`, the construct's default): the code only after the
 * password. A passwordless sign-in is refused before anything is written or sent; the MFA sign-in works; and a code
 * issued with the shortest lifetime the construct accepts (60 s) is accepted until it ends and refused once it has
 * passed. The stack runs on an adjustable clock, which the sign-in triggers (Lambda functions) read too, so the
 * lifetime is crossed by moving the clock rather than by waiting a minute.
 */
import { adjustableClock } from 'appsync-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionItem } from '../infra/model/index.ts';
import { answerCustomChallenge, authenticate, CognitoUser, initiateCustomAuth, userPoolClient } from '../local/services/cognito-local/identity-js-client.ts';
import { codeIn, emailsTo, listEmails, uniqueEmail, waitForEmail } from './support/inbox.ts';
import { startOtpStack, type OtpStack } from './support/otp-stack.ts';
import { SessionCensus } from './support/session-census.ts';
import { cognitoAdmin, cognitoOf, createUser } from './support/step-up-users.ts';
import { testDynamoDbLocal } from '../local/test-support/dynamodb-local.ts';

const PASSWORD = 'Correct-horse-battery-9';
const CODE_TTL_SECONDS = 60;
/** The time of the whole stack: resolvers and the triggers' `Date`. Only moved forward, by the lifetime tests below. */
const clock = adjustableClock();
let stack: OtpStack;
let census: SessionCensus;
/** Everything the stack logged: its functions' logs included. */
const lines: string[] = [];

beforeAll(async () => {
  stack = await startOtpStack({
    stateDir: '.local/test-sign-in-flows',
    dynamodbLocal: testDynamoDbLocal,
    context: { signInFlow: 'mfa', codeTtlSeconds: String(CODE_TTL_SECONDS) },
    log: (line) => lines.push(line),
    clock,
  });
  census = new SessionCensus(stack.endpoints);
}, 600_000);
afterAll(async () => {
  census?.close();
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
  return (await census.signInSessionsFor(email)).length;
}

/** Signs in with the password and reads the code from the email: a sign-in waiting for its code, and that code. */
async function challengedUser(label: string): Promise<{ user: CognitoUser; code: string; expiresAtMs: number; session: SessionItem }> {
  const { email, user } = await newUser(label);
  user.setAuthenticationFlowType('CUSTOM_AUTH');
  const challenge = await authenticate(user, email, PASSWORD);
  if (challenge.kind !== 'customChallenge') throw new Error(JSON.stringify(challenge));
  const code = codeIn(await waitForEmail(stack.endpoints, email, 30_000));
  const [session, ...others] = await census.signInSessionsFor(email);
  if (!session || others.length > 0) throw new Error(`expected one sign-in session for ${label}`);
  const expiresAtMs = Date.parse(challenge.parameters.expiresAt!);
  // The lifetime setting holds: the code ends 60 s after it was issued on the stack's clock (seconds, rounded down).
  expect(expiresAtMs).toBe(session.expiresAt * 1000);
  expect(session.expiresAt - Math.floor(Date.parse(session.createdAt) / 1000)).toBe(CODE_TTL_SECONDS);
  expect(expiresAtMs).toBeGreaterThan(clock.now());
  return { user, code, expiresAtMs, session };
}

/** What the verify trigger logged for one session: its outcome statuses, in order. */
function answerStatuses(sessionId: string): string[] {
  return lines.filter((line) => line.includes('sign-in answer checked') && line.includes(sessionId)).map((line) => /"status":"([A-Z_]+)"/.exec(line)?.[1] ?? line);
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

  // The two lifetime tests move the shared clock forward by almost a minute each; Cognito's own session of a sign-in
  // (AuthSessionValidity, 3 minutes) stays on the machine's time, so it is not what ends either sign-in.
  it('accepts the right code a few seconds before its lifetime ends', async () => {
    const { user, code, expiresAtMs, session } = await challengedUser('last-seconds');
    clock.advance(expiresAtMs - clock.now() - 5000);
    expect(await answerCustomChallenge(user, code)).toMatchObject({ kind: 'signedIn' });
    expect(answerStatuses(session.sessionId)).toEqual(['VERIFIED']);
  });

  it('refuses the right code once its lifetime has passed, for that reason only', async () => {
    const { user, code, expiresAtMs, session } = await challengedUser('expired');
    // Just past the end, on the clock the verify trigger reads: the same flow as above, only later.
    clock.advance(expiresAtMs - clock.now() + 1500);
    expect(await answerCustomChallenge(user, code)).toEqual({ kind: 'failed', code: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    // Refused before the code was compared: the expired session takes no attempt (count-attempt's condition) and stays
    // unverified; no other reason applies to a fresh session's first, right answer.
    expect(answerStatuses(session.sessionId)).toEqual(['NOT_COUNTED']);
    const [after] = await census.signInSessionsFor(session.email);
    expect(after).toMatchObject({ sessionId: session.sessionId, status: session.status, attempts: 0 });
    expect(lines.filter((line) => line.includes(code))).toEqual([]);
  });
});
