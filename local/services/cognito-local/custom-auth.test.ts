/**
 * The custom authentication flow through AWS's own client, driven by the fixture's DefineAuthChallenge /
 * CreateAuthChallenge / VerifyAuthChallengeResponse (local/fixtures/apps/cognito): passwordless (CUSTOM_AUTH without
 * SRP_A), MFA (SRP first, then the code), a wrong answer, three wrong answers (failAuthentication), and what the
 * triggers are given at each step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerCustomChallenge, authenticate, CognitoUser, initiateCustomAuth, userPoolClient } from './identity-js-client.ts';
import { startTestCognito, type TestCognito } from './test-cognito.ts';

let t: TestCognito;
let clock = 0;
beforeAll(async () => {
  t = await startTestCognito({ now: () => new Date(Date.now() + clock) });
  for (const email of ['pat@example.com', 'max@example.com', 'sam@example.com', 'kim@example.com', 'lee@example.com']) {
    await t.call('SignUp', { ClientId: t.client('WebClient').clientId, Username: email, Password: PASSWORD, ClientMetadata: { autoConfirm: 'yes' } });
  }
});
afterAll(() => t?.stop());

const PASSWORD = 'Str0ng-passw0rd!';
const webPool = () => userPoolClient(t.cognito.url, t.pool('Users').userPoolId, t.client('WebClient').clientId);
const defineCalls = () =>
  t
    .logs()
    .map((line) => /DEFINE (\{.*\})$/.exec(line)?.[1])
    .filter((json): json is string => json !== undefined)
    .map((json) => JSON.parse(json) as { session: { challengeName: string; challengeResult: boolean; challengeMetadata: string | null }[]; userNotFound?: boolean; source: string; version: string; clientId: string });

describe('passwordless sign-in (CUSTOM_AUTH without SRP_A)', () => {
  it('asks for the code CreateAuthChallenge made, keeps the code out of the challenge parameters, and signs in with it', async () => {
    const user = new CognitoUser({ Username: 'pat@example.com', Pool: webPool() });
    const challenge = await initiateCustomAuth(user, 'pat@example.com');
    expect(challenge.kind).toBe('customChallenge');
    if (challenge.kind !== 'customChallenge') return;
    const code = t.lastChallengeCode('pat@example.com')!;
    expect(code).toMatch(/^\d{6}$/);
    // publicChallengeParameters plus USERNAME (the internal username); the private answer never reaches the client.
    expect(challenge.parameters).toEqual({ email: 'pat@example.com', attempt: '1', USERNAME: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(JSON.stringify(challenge.parameters)).not.toContain(code);

    const done = await answerCustomChallenge(user, code);
    expect(done.kind).toBe('signedIn');
    if (done.kind !== 'signedIn') return;
    // PreTokenGeneration added `tier`; its attempt to override `sub` was ignored, as Cognito ignores reserved claims.
    expect(done.session.getIdToken().decodePayload()).toMatchObject({ email: 'pat@example.com', tier: 'gold', sub: challenge.parameters.USERNAME });

    const calls = defineCalls().slice(-2);
    expect(calls[0]).toMatchObject({ session: [], userNotFound: false, source: 'DefineAuthChallenge_Authentication', version: '1', clientId: t.client('WebClient').clientId });
    expect(calls[1]?.session).toEqual([{ challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'CODE-1' }]);
  });

  it('gives a new challenge after a wrong answer, and fails the sign-in after the third (failAuthentication)', async () => {
    const user = new CognitoUser({ Username: 'max@example.com', Pool: webPool() });
    expect((await initiateCustomAuth(user, 'max@example.com')).kind).toBe('customChallenge');
    const second = await answerCustomChallenge(user, 'wrong-1');
    expect(second).toMatchObject({ kind: 'customChallenge', parameters: { attempt: '2' } });
    expect((await answerCustomChallenge(user, 'wrong-2')).kind).toBe('customChallenge');
    expect(await answerCustomChallenge(user, 'wrong-3')).toEqual({ kind: 'failed', code: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    expect(defineCalls().at(-1)?.session.map((c) => c.challengeResult)).toEqual([false, false, false]);
  });

  it('runs the triggers with userNotFound: true for an unknown user (existence errors prevented), and never signs them in', async () => {
    const user = new CognitoUser({ Username: 'ghost@example.com', Pool: webPool() });
    expect((await initiateCustomAuth(user, 'ghost@example.com')).kind).toBe('customChallenge');
    expect(defineCalls().at(-1)).toMatchObject({ userNotFound: true });
    // Even the "code" the fixture drew for it does not sign anyone in.
    const drawn = t.lastChallengeCode('ghost@example.com') ?? t.logs().map((l) => /CHALLENGE-CODE \S+ (\d{6})$/.exec(l)?.[1]).filter(Boolean).at(-1)!;
    expect(await answerCustomChallenge(user, drawn)).toEqual({ kind: 'failed', code: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });
});

describe('MFA sign-in (CUSTOM_AUTH with SRP_A: the password, then the code)', () => {
  it('verifies the password with SRP, then asks for the code, and issues tokens once both are right', async () => {
    const user = new CognitoUser({ Username: 'sam@example.com', Pool: webPool() });
    user.setAuthenticationFlowType('CUSTOM_AUTH');
    const challenge = await authenticate(user, 'sam@example.com', PASSWORD);
    expect(challenge.kind).toBe('customChallenge');
    const afterPassword = defineCalls().slice(-2).map((call) => call.session);
    expect(afterPassword).toEqual([
      [{ challengeName: 'SRP_A', challengeResult: true, challengeMetadata: null }],
      [
        { challengeName: 'SRP_A', challengeResult: true, challengeMetadata: null },
        { challengeName: 'PASSWORD_VERIFIER', challengeResult: true, challengeMetadata: null },
      ],
    ]);
    const done = await answerCustomChallenge(user, t.lastChallengeCode('sam@example.com')!);
    expect(done.kind).toBe('signedIn');
  });

  it('stops at a wrong password: no code is ever created', async () => {
    const codesBefore = t.logs().filter((line) => line.includes('CHALLENGE-CODE kim@example.com')).length;
    const user = new CognitoUser({ Username: 'kim@example.com', Pool: webPool() });
    user.setAuthenticationFlowType('CUSTOM_AUTH');
    expect(await authenticate(user, 'kim@example.com', 'Wrong-passw0rd!')).toEqual({ kind: 'failed', code: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    expect(t.logs().filter((line) => line.includes('CHALLENGE-CODE kim@example.com')).length).toBe(codesBefore);
  });
});

describe('the Session string', () => {
  const start = async () => {
    const answer = await t.call('InitiateAuth', { AuthFlow: 'CUSTOM_AUTH', ClientId: t.client('WebClient').clientId, AuthParameters: { USERNAME: 'lee@example.com' } });
    return answer.body.Session as string;
  };
  const respond = (session: string, answer: string, clientId = t.client('WebClient').clientId) =>
    t.call('RespondToAuthChallenge', { ClientId: clientId, ChallengeName: 'CUSTOM_CHALLENGE', Session: session, ChallengeResponses: { USERNAME: 'lee@example.com', ANSWER: answer } });

  it('is single-use: answering twice with the same session is refused', async () => {
    const session = await start();
    expect((await respond(session, 'wrong')).status).toBe(200);
    expect((await respond(session, t.lastChallengeCode('lee@example.com')!)).body).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid session for the user.' });
  });

  it('expires after the client\'s AuthSessionValidity (3 minutes by default)', async () => {
    const session = await start();
    clock = 3 * 60_000 + 1000;
    try {
      expect((await respond(session, t.lastChallengeCode('lee@example.com')!)).body).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
    } finally {
      clock = 0;
    }
  });

  it('belongs to its client and its user', async () => {
    expect((await respond(await start(), '1', t.client('LegacyClient').clientId)).body.message).toBe('Invalid session for the user.');
    const other = await t.call('RespondToAuthChallenge', {
      ClientId: t.client('WebClient').clientId,
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: await start(),
      ChallengeResponses: { USERNAME: 'pat@example.com', ANSWER: t.lastChallengeCode('lee@example.com')! },
    });
    expect(other.body).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid session for the user.' });
  });
});

describe('custom auth configuration errors', () => {
  it('refuses CUSTOM_AUTH on a client that does not allow it, and in a pool without the trigger', async () => {
    const server = await t.call('InitiateAuth', { AuthFlow: 'CUSTOM_AUTH', ClientId: t.client('ServerClient').clientId, AuthParameters: { USERNAME: 'pat@example.com' } });
    expect(server.body).toEqual({ __type: 'InvalidParameterException', message: 'CUSTOM_AUTH flow not enabled for this client' });
    const staff = await t.call('InitiateAuth', { AuthFlow: 'CUSTOM_AUTH', ClientId: t.client('StaffClient').clientId, AuthParameters: { USERNAME: 'x' } });
    expect(staff.body.__type).toBe('InvalidParameterException');
  });
});
