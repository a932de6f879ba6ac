/**
 * Sign-in with Cognito against the shared local stack (the product's pool, flow 'either'), through AWS's own client
 * (amazon-cognito-identity-js): the OtpService's triggers start a session with generateOtp's send transaction, the
 * email function sends the code (read here from the local SES inbox), and Verify checks it with KMS as verifyOtp does.
 * The attacks: answers past the attempt limit (one after another and in a burst), the right code after the limit or
 * after expiry, a sign-in code through the public API, and a second sign-in inside the resend cooldown (which must not
 * tell an account from an unknown address before a password was proven).
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { ConsumeVerificationDocument, VerifyOtpDocument } from '../infra/documents/generated/graphql.ts';
import { guardPk, SIGN_IN_PURPOSE, type SessionItem } from '../infra/model/index.ts';
import {
  answerCustomChallenge,
  authenticate,
  CognitoUser,
  initiateCustomAuth,
  userPoolClient,
  type SignInStep,
} from '../local/services/cognito-local/identity-js-client.ts';
import type { CreateAuthChallengeTriggerEvent, VerifyAuthChallengeResponseTriggerEvent } from 'aws-lambda';
import { createChallenge, readSignInConfig, verifyAnswer } from '../functions/shared/sign-in/index.ts';
import { localKms } from './support/code-macs.ts';
import { cognitoAdmin, createUser } from './support/step-up-users.ts';
import { graphql } from './support/graphql-client.ts';
import { codeIn, emailsTo, listEmails, uniqueEmail, waitForEmail } from './support/inbox.ts';
import { SessionCensus } from './support/session-census.ts';
import { findTableName, localDynamoDb, SessionTable } from './support/table.ts';
import { sharedEndpoints } from './support/shared-stack.ts';

const endpoints = await sharedEndpoints();
const cognito = endpoints.cognito!;
const table = new SessionTable(endpoints);
const dynamoDb = localDynamoDb(endpoints);
const census = new SessionCensus(endpoints);
afterAll(() => {
  table.close();
  census.close();
  dynamoDb.destroy();
});

const PASSWORD = 'Correct-horse-battery-9';
const MAX_ATTEMPTS = 5;
const PUBLIC_PARAMETERS = ['USERNAME', 'attemptsRemaining', 'codeLength', 'expiresAt'];
const wrongCodeFor = (code: string) => String((Number(code) + 1) % 10 ** code.length).padStart(code.length, '0');
const pool = () => userPoolClient(cognito.endpoint, cognito.userPoolId, cognito.clientId!);

/** A new user (and their address) in the product's pool, with a permanent password when given (the MFA flow's). */
async function newUser(label: string, password?: string): Promise<{ email: string; user: CognitoUser }> {
  const email = uniqueEmail(`signin-${label}`);
  await createUser(endpoints, email);
  if (password) await cognitoAdmin(endpoints, 'AdminSetUserPassword', { UserPoolId: cognito.userPoolId, Username: email, Password: password, Permanent: true });
  return { email, user: new CognitoUser({ Username: email, Pool: pool() }) };
}

/** Cognito's unsigned user calls as raw requests (the attacks replay and race a challenge's session handle). */
async function cognitoUserCall(operation: string, input: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(cognito.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function onlySession(email: string): Promise<SessionItem> {
  const sessions = await census.signInSessionsFor(email);
  expect(sessions).toHaveLength(1);
  return sessions[0]!;
}

function challengeOf(step: SignInStep): Record<string, string> {
  if (step.kind !== 'customChallenge') throw new Error(`expected a custom challenge, got ${JSON.stringify(step)}`);
  return step.parameters;
}

/** What Define's failAuthentication becomes at the client. */
const REFUSED = { kind: 'failed', code: 'NotAuthorizedException', message: 'Incorrect username or password.' };

describe('passwordless sign-in (CUSTOM_WITHOUT_SRP)', () => {
  it('emails a code, asks for it with public parameters that hold neither the code nor the session, and signs in with it', async () => {
    const { email, user } = await newUser('passwordless');
    const parameters = challengeOf(await initiateCustomAuth(user, email));
    const code = codeIn(await waitForEmail(endpoints, email));
    const session = await onlySession(email);

    expect(Object.keys(parameters).sort()).toEqual(PUBLIC_PARAMETERS);
    expect(parameters).toMatchObject({ codeLength: String(code.length), attemptsRemaining: String(MAX_ATTEMPTS) });
    expect(Date.parse(parameters.expiresAt!)).toBe(session.expiresAt * 1000);
    const published = JSON.stringify(parameters);
    expect(published).not.toContain(code);
    expect(published).not.toContain(session.sessionId);
    // The session is generateOtp's kind, marked for this client's sign-in only.
    expect(session).toMatchObject({ status: 'PENDING', purpose: SIGN_IN_PURPOSE, audience: `cognito:${cognito.clientId}` });

    const done = await answerCustomChallenge(user, code);
    expect(done.kind).toBe('signedIn');
    if (done.kind !== 'signedIn') return;
    expect(await table.session(session.sessionId)).toMatchObject({ status: 'VERIFIED', attempts: 1 });

    // The ID token verifies against the local pool's JWKS, with Cognito's issuer and this client as audience.
    const poolEntry = cognito.userPools.find((entry) => entry.userPoolId === cognito.userPoolId)!;
    const { payload } = await jwtVerify(done.session.getIdToken().getJwtToken(), createRemoteJWKSet(new URL(poolEntry.jwksUrl)), {
      issuer: poolEntry.issuer,
      audience: cognito.clientId!,
    });
    expect(payload).toMatchObject({ email, token_use: 'id', email_verified: true });
  });

  it('takes a wrong code, asks again without sending another, and signs in with the right one', async () => {
    const { email, user } = await newUser('wrong-then-right');
    challengeOf(await initiateCustomAuth(user, email));
    const code = codeIn(await waitForEmail(endpoints, email));
    const again = challengeOf(await answerCustomChallenge(user, wrongCodeFor(code)));
    expect(again.attemptsRemaining).toBe(String(MAX_ATTEMPTS - 1));
    expect((await answerCustomChallenge(user, code)).kind).toBe('signedIn');
    // One session, one email: the wrong answer reused the open session.
    expect((await onlySession(email)).attempts).toBe(2);
    expect(emailsTo(await listEmails(endpoints), email)).toHaveLength(1);
  });

  it('ends the sign-in after the last allowed wrong code; the right code then signs no one in', async () => {
    const { email, user } = await newUser('exhausted');
    challengeOf(await initiateCustomAuth(user, email));
    const code = codeIn(await waitForEmail(endpoints, email));
    const wrong = wrongCodeFor(code);
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt += 1) {
      expect(challengeOf(await answerCustomChallenge(user, wrong)).attemptsRemaining).toBe(String(MAX_ATTEMPTS - attempt));
    }
    // The session handle of the last challenge, replayed below with the right code.
    const lastSession = (user as unknown as { Session: string }).Session;
    expect(await answerCustomChallenge(user, wrong)).toEqual(REFUSED);
    const replay = await cognitoUserCall('RespondToAuthChallenge', {
      ClientId: cognito.clientId,
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: lastSession,
      ChallengeResponses: { USERNAME: email, ANSWER: code },
    });
    expect(replay.status).toBe(400);
    expect(replay.body.AuthenticationResult).toBeUndefined();
    const session = await onlySession(email);
    expect(session).toMatchObject({ attempts: MAX_ATTEMPTS, status: 'PENDING' });
  });

  it('counts a burst of answers to one challenge once: the others are refused, whichever carries the right code', async () => {
    const { email } = await newUser('burst');
    const started = await cognitoUserCall('InitiateAuth', {
      ClientId: cognito.clientId,
      AuthFlow: 'CUSTOM_AUTH',
      AuthParameters: { USERNAME: email },
    });
    expect(started.body.ChallengeName).toBe('CUSTOM_CHALLENGE');
    const code = codeIn(await waitForEmail(endpoints, email));
    const answers = [...Array.from({ length: 7 }, () => wrongCodeFor(code)), code];
    const results = await Promise.all(
      answers.map((answer) =>
        cognitoUserCall('RespondToAuthChallenge', {
          ClientId: cognito.clientId,
          ChallengeName: 'CUSTOM_CHALLENGE',
          Session: started.body.Session,
          ChallengeResponses: { USERNAME: email, ANSWER: answer },
        }),
      ),
    );
    // The challenge's handle is single-use: one answer reached the triggers, the rest were refused before them.
    const processed = results.filter((result) => result.status === 200);
    expect(processed).toHaveLength(1);
    expect((await onlySession(email)).attempts).toBe(1);
  });

  it('refuses the right code after the code expired (the trigger checks expiresAt, not TTL deletion)', async () => {
    const { email, user } = await newUser('expired');
    challengeOf(await initiateCustomAuth(user, email));
    const code = codeIn(await waitForEmail(endpoints, email));
    const session = await onlySession(email);
    await table.expire(session.sessionId);
    expect(await answerCustomChallenge(user, code)).toEqual(REFUSED);
    expect(await table.session(session.sessionId)).toMatchObject({ status: 'PENDING', attempts: 0 });
  });

  it("ends the sign-in while the mailbox's failure budget locks it, for the right code too", async () => {
    const { email, user } = await newUser('locked');
    challengeOf(await initiateCustomAuth(user, email));
    const code = codeIn(await waitForEmail(endpoints, email));
    const session = await onlySession(email);
    // As if this mailbox had used up its failure budget in other sessions (verifyOtp's steps 6 and 7).
    await table.setNumber(guardPk(session.mailbox), 'lockedUntil', Math.floor(Date.now() / 1000) + 600);
    expect(await answerCustomChallenge(user, code)).toEqual(REFUSED);
    // The answer was counted and compared, and the VERIFIED write refused by the lock.
    expect(await table.session(session.sessionId)).toMatchObject({ status: 'PENDING', attempts: 1 });
  });

  it('answers a sign-in refused by the resend cooldown exactly as an address without an account, and sends nothing', async () => {
    const { email } = await newUser('cooldown');
    challengeOf(await initiateCustomAuth(new CognitoUser({ Username: email, Pool: pool() }), email));
    const code = codeIn(await waitForEmail(endpoints, email));
    const firstSession = await onlySession(email);
    const nobody = uniqueEmail('signin-nobody-probe');

    // The attacker's view of one sign-in, through AWS's client: every step, with the two values that differ for any
    // two sign-ins (the expiry, a moment; Cognito's internal username, a UUID) checked for form and then blanked.
    // The answers carry the code the account really was sent: even that signs no one in.
    const probe = async (address: string) => {
      const user = new CognitoUser({ Username: address, Pool: pool() });
      const steps = [await initiateCustomAuth(user, address)];
      for (let answer = 1; answer <= MAX_ATTEMPTS; answer += 1) steps.push(await answerCustomChallenge(user, code));
      const expiries = new Set(steps.map((step) => (step.kind === 'customChallenge' ? step.parameters.expiresAt : 'none')));
      // One expiry for the whole sign-in, as a real session's, in the future.
      expect(expiries.size).toBe(2);
      return steps.map((step) => {
        if (step.kind !== 'customChallenge') return step;
        const { expiresAt, USERNAME, ...rest } = step.parameters;
        expect(USERNAME).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(Date.parse(expiresAt!)).toBeGreaterThan(Date.now());
        return { kind: step.kind, parameters: { ...rest, expiresAt: 'ISO', USERNAME: 'UUID' } };
      });
    };
    const refused = await probe(email);
    const noAccount = await probe(nobody);
    expect(refused).toEqual(noAccount);
    expect(refused.map((step) => step.kind)).toEqual([...Array.from({ length: MAX_ATTEMPTS }, () => 'customChallenge'), 'failed']);
    expect(refused.at(-1)).toEqual(REFUSED);

    // And straight at the pool: the same status, the same fields, the same challenge parameter names.
    const raw = async (address: string) => {
      const answer = await cognitoUserCall('InitiateAuth', { ClientId: cognito.clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: address } });
      return { status: answer.status, fields: Object.keys(answer.body).sort(), challenge: answer.body.ChallengeName, parameters: Object.keys((answer.body.ChallengeParameters ?? {}) as object).sort() };
    };
    expect(await raw(email)).toEqual(await raw(nobody));

    // Nothing was started or sent for the refused sign-ins, and the account's real session was not touched.
    expect(await census.signInSessionsFor(email)).toHaveLength(1);
    expect(await table.session(firstSession.sessionId)).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect(emailsTo(await listEmails(endpoints), email)).toHaveLength(1);
    expect(await census.signInSessionsFor(nobody)).toHaveLength(0);
  });

  it('gives an unknown address a challenge of the same shape, sends nothing, and signs no one in', async () => {
    const email = uniqueEmail('signin-nobody');
    const user = new CognitoUser({ Username: email, Pool: pool() });
    const parameters = challengeOf(await initiateCustomAuth(user, email));
    expect(Object.keys(parameters).sort()).toEqual(PUBLIC_PARAMETERS);
    expect(parameters).toMatchObject({ attemptsRemaining: String(MAX_ATTEMPTS), codeLength: '6' });
    // A wrong answer is answered as a real user's: the same expiry, one attempt less; and so on until none is left.
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt += 1) {
      expect(challengeOf(await answerCustomChallenge(user, '123456'))).toMatchObject({ expiresAt: parameters.expiresAt, attemptsRemaining: String(MAX_ATTEMPTS - attempt) });
    }
    expect(await answerCustomChallenge(user, '123456')).toEqual(REFUSED);
    expect(await census.signInSessionsFor(email)).toHaveLength(0);
  });
});

describe("CreateAuthChallenge's refused send (its logic on the stack's DynamoDB Local)", () => {
  // What the trigger reports for its log, which the client never sees: run its logic directly, as the product's
  // trigger would for a second sign-in inside the cooldown, with the stack's table and send budgets.
  it('reports the refusal and its errorType (never the address) while answering as for no account; tells it after a password', async () => {
    const { email, user } = await newUser('refusal-log');
    challengeOf(await initiateCustomAuth(user, email));
    await waitForEmail(endpoints, email);
    const config = readSignInConfig({
      TABLE_NAME: await findTableName(dynamoDb),
      OTP_SIGN_IN_FLOW: 'either',
      // The shared stack's budgets (test/support/load-context.ts), so only the cooldown can refuse.
      OTP_GLOBAL_SENDS_PER_MINUTE: '1000000',
      OTP_DOMAIN_SENDS_PER_MINUTE: '1000000',
    });
    const deps = { config, dynamoDb, nowMillis: Date.now, newSessionId: () => crypto.randomUUID() };
    const event = (session: CreateAuthChallengeTriggerEvent['request']['session']) =>
      ({
        request: { challengeName: 'CUSTOM_CHALLENGE', session, userAttributes: { email }, userNotFound: false },
        callerContext: { clientId: cognito.clientId },
      }) as unknown as CreateAuthChallengeTriggerEvent;

    const refused = await createChallenge(event([]), deps);
    expect(refused).toMatchObject({ outcome: 'refused', errorType: 'RateLimitExceeded', response: { privateChallengeParameters: {} } });
    expect(refused.sessionId).toBeUndefined();
    expect(refused.response.challengeMetadata).toMatch(/^OTP_NO_SESSION#\d+$/);
    expect(JSON.stringify(refused)).not.toContain(email);
    // A later challenge of that sign-in stays without a session (the same expiry), whatever the limits say by then.
    const again = await createChallenge(
      event([{ challengeName: 'CUSTOM_CHALLENGE', challengeResult: false, challengeMetadata: refused.response.challengeMetadata }]),
      deps,
    );
    expect(again).toMatchObject({ outcome: 'noUser', response: { challengeMetadata: refused.response.challengeMetadata } });
    expect(again.response.publicChallengeParameters).toEqual({ ...refused.response.publicChallengeParameters, attemptsRemaining: String(MAX_ATTEMPTS - 1) });

    // After a proven password the same refusal fails the sign-in, saying why.
    const srp = [
      { challengeName: 'SRP_A', challengeResult: true, challengeMetadata: undefined },
      { challengeName: 'PASSWORD_VERIFIER', challengeResult: true, challengeMetadata: undefined },
    ] as CreateAuthChallengeTriggerEvent['request']['session'];
    await expect(createChallenge(event(srp), deps)).rejects.toMatchObject({ name: 'SignInRefusedError', errorType: 'RateLimitExceeded' });
    expect(await census.signInSessionsFor(email)).toHaveLength(1);
  });
});

describe('MFA sign-in (CUSTOM_WITH_SRP)', () => {
  it('checks the password with SRP, then emails the code and signs in with it', async () => {
    const { email, user } = await newUser('mfa', PASSWORD);
    user.setAuthenticationFlowType('CUSTOM_AUTH');
    const parameters = challengeOf(await authenticate(user, email, PASSWORD));
    const code = codeIn(await waitForEmail(endpoints, email));
    expect(JSON.stringify(parameters)).not.toContain(code);
    const done = await answerCustomChallenge(user, code);
    expect(done.kind).toBe('signedIn');
  });

  it('tells a sign-in that proved the password that its send was refused (cooldown), without a second email', async () => {
    const { email, user } = await newUser('mfa-cooldown', PASSWORD);
    user.setAuthenticationFlowType('CUSTOM_AUTH');
    challengeOf(await authenticate(user, email, PASSWORD));
    await waitForEmail(endpoints, email);
    const again = new CognitoUser({ Username: email, Pool: pool() });
    again.setAuthenticationFlowType('CUSTOM_AUTH');
    const second = await authenticate(again, email, PASSWORD);
    expect(second).toMatchObject({ kind: 'failed', code: 'UserLambdaValidationException' });
    if (second.kind !== 'failed') return;
    expect(second.message).toMatch(/^CreateAuthChallenge failed with error RateLimitExceeded: Too many codes requested for this address\. Try again later\. Retry after \d{4}-\d\d-\d\dT[\d:.]+Z\.$/);
    expect(await census.signInSessionsFor(email)).toHaveLength(1);
    expect(emailsTo(await listEmails(endpoints), email)).toHaveLength(1);
  });

  it('sends no code for a wrong password', async () => {
    const { email, user } = await newUser('mfa-wrong-password', PASSWORD);
    user.setAuthenticationFlowType('CUSTOM_AUTH');
    expect(await authenticate(user, email, `${PASSWORD}x`)).toEqual(REFUSED);
    expect(await census.signInSessionsFor(email)).toHaveLength(0);
  });
});

describe('a sign-in code through the public API', () => {
  it('neither verifies nor counts against verifyOtp, and its verification cannot be consumed', async () => {
    const { email, user } = await newUser('through-api');
    challengeOf(await initiateCustomAuth(user, email));
    const code = codeIn(await waitForEmail(endpoints, email));
    const { sessionId } = await onlySession(email);
    // Answered as if there were no such session, whether the code is right or wrong; nothing is counted.
    for (const attempt of [code, wrongCodeFor(code)]) {
      const answer = await graphql(endpoints, VerifyOtpDocument, { sessionId, code: attempt });
      expect(answer.body.data?.verifyOtp).toEqual({ verified: false, status: 'EXPIRED', attemptsRemaining: 0, token: null });
    }
    expect(await table.session(sessionId)).toMatchObject({ status: 'PENDING', attempts: 0 });

    expect((await answerCustomChallenge(user, code)).kind).toBe('signedIn');
    const consumed = await graphql(endpoints, ConsumeVerificationDocument, { sessionId }, { iam: endpoints.iam, region: endpoints.region });
    expect(consumed.body.errors?.[0]).toMatchObject({ errorType: 'NotVerified' });
    expect(await table.session(sessionId)).toMatchObject({ status: 'VERIFIED' });
  });
});

describe('VerifyAuthChallengeResponse under a race (its logic on the stack\'s DynamoDB Local and KMS)', () => {
  // Cognito's handles are single-use, so a client cannot race the trigger through Cognito (above). Should Cognito
  // ever run answers of one sign-in at once, the trigger's own writes must still hold the limit: run its logic
  // directly, twenty answers at once with the right code last, on a session the product's triggers started.
  it('counts at most the attempt limit, verifies only a counted right code, and refuses everything after', async () => {
    const { email, user } = await newUser('race');
    challengeOf(await initiateCustomAuth(user, email));
    const code = codeIn(await waitForEmail(endpoints, email));
    const { sessionId } = await onlySession(email);
    const kms = localKms(endpoints);
    const config = readSignInConfig({ TABLE_NAME: await findTableName(dynamoDb), OTP_SIGN_IN_FLOW: 'either' });
    const deps = { config, dynamoDb, kms, nowMillis: Date.now };
    const event = (answer: string) =>
      ({ request: { privateChallengeParameters: { sessionId }, challengeAnswer: answer, userAttributes: {} } }) as unknown as VerifyAuthChallengeResponseTriggerEvent;
    try {
      const answers = [...Array.from({ length: 19 }, () => wrongCodeFor(code)), code];
      const outcomes = await Promise.all(answers.map((answer) => verifyAnswer(event(answer), deps)));
      const counted = outcomes.filter((outcome) => outcome.status !== 'NOT_COUNTED');
      expect(counted).toHaveLength(MAX_ATTEMPTS);
      const right = outcomes.filter((outcome) => outcome.answerCorrect);
      const stored = await table.session(sessionId);
      expect(stored?.attempts).toBe(MAX_ATTEMPTS);
      // The right code verified only if its attempt was one of the counted ones, and then exactly once.
      expect(right.length).toBeLessThanOrEqual(1);
      expect(stored?.status).toBe(right.length === 1 ? 'VERIFIED' : 'PENDING');
      if (right.length === 1) expect(outcomes.at(-1)?.answerCorrect).toBe(true);
      // Whatever happened, the session takes no more answers, right or wrong.
      expect(await verifyAnswer(event(code), deps)).toMatchObject({ answerCorrect: false, status: 'NOT_COUNTED' });
      expect((await table.session(sessionId))?.attempts).toBe(MAX_ATTEMPTS);
    } finally {
      kms.destroy();
    }
  });
});
