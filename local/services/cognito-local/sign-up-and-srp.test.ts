/**
 * Sign-up, confirmation and SRP sign-in through AWS's own client (amazon-cognito-identity-js), against the fixture's
 * `Users` pool (email as username, codes by email) and `Staff` pool (plain usernames, case-insensitive, a group).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate, CognitoUser, completeNewPassword, confirmRegistration, signUp, userPoolClient } from './identity-js-client.ts';
import { startTestCognito, type TestCognito } from './test-cognito.ts';

let t: TestCognito;
beforeAll(async () => {
  t = await startTestCognito();
});
afterAll(() => t?.stop());

const webPool = () => userPoolClient(t.cognito.url, t.pool('Users').userPoolId, t.client('WebClient').clientId);
const PASSWORD = 'Str0ng-passw0rd!';

describe('sign-up and confirmation', () => {
  it('signs up, sends a code to the email (readable at GET /store), confirms with it and signs in with SRP', async () => {
    const pool = webPool();
    const signedUp = await signUp(pool, 'ada@example.com', PASSWORD);
    expect(signedUp).toMatchObject({ confirmed: false, userSub: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const store = (await (await fetch(`${t.cognito.url}/store`)).json()) as { messages: { destination: string; code: string; kind: string }[] };
    const message = store.messages.find((m) => m.destination === 'ada@example.com');
    expect(message).toMatchObject({ kind: 'SignUp', code: expect.stringMatching(/^\d{6}$/) });

    const user = new CognitoUser({ Username: 'ada@example.com', Pool: pool });
    // Unconfirmed: the password is right, but the user is told to confirm first.
    expect(await authenticate(user, 'ada@example.com', PASSWORD)).toMatchObject({ kind: 'failed', code: 'UserNotConfirmedException', message: 'User is not confirmed.' });
    expect(await confirmRegistration(user, message!.code === '000000' ? '111111' : '000000')).toMatchObject({ failed: 'CodeMismatchException' });
    expect(await confirmRegistration(user, message!.code)).toBe('SUCCESS');
    expect(await confirmRegistration(user, message!.code)).toMatchObject({ failed: 'NotAuthorizedException', message: 'User cannot be confirmed. Current status is CONFIRMED' });

    const step = await authenticate(new CognitoUser({ Username: 'ada@example.com', Pool: pool }), 'ada@example.com', PASSWORD);
    expect(step.kind).toBe('signedIn');
    if (step.kind !== 'signedIn') return;
    const id = step.session.getIdToken().decodePayload();
    expect(id).toMatchObject({ email: 'ada@example.com', email_verified: true, token_use: 'id', sub: signedUp && 'userSub' in signedUp ? signedUp.userSub : '' });
    // Email is the username: the internal username is the sub.
    expect(id['cognito:username']).toBe(id.sub);
  });

  it('refuses a password the policy refuses, a taken email and a name that is not an email', async () => {
    const pool = webPool();
    expect(await signUp(pool, 'weak@example.com', 'weakpass')).toEqual({
      failed: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password must have uppercase characters',
    });
    await signUp(pool, 'taken@example.com', PASSWORD);
    expect(await signUp(pool, 'TAKEN@example.com', PASSWORD)).toMatchObject({ failed: 'UsernameExistsException', message: 'An account with the given email already exists.' });
    expect(await signUp(pool, 'not-an-email', PASSWORD)).toMatchObject({ failed: 'InvalidParameterException', message: 'Username should be an email.' });
  });

  it('runs PreSignUp: its error refuses the sign-up with UserLambdaValidationException, and it may auto-confirm', async () => {
    expect(await signUp(webPool(), 'eve@blocked.example', PASSWORD)).toEqual({
      failed: 'UserLambdaValidationException',
      message: 'PreSignUp failed with error Domain blocked.',
    });
    const auto = await t.call('SignUp', { ClientId: t.client('WebClient').clientId, Username: 'auto@example.com', Password: PASSWORD, ClientMetadata: { autoConfirm: 'yes' } });
    expect(auto.body).toMatchObject({ UserConfirmed: true });
    expect(auto.body.CodeDeliveryDetails).toBeUndefined();
  });
});

describe('SRP sign-in', () => {
  it('refuses a wrong password with "Incorrect username or password." and, for an unknown user, says the same (existence errors prevented)', async () => {
    const pool = webPool();
    await t.call('SignUp', { ClientId: t.client('WebClient').clientId, Username: 'bob@example.com', Password: PASSWORD, ClientMetadata: { autoConfirm: 'yes' } });
    const wrong = await authenticate(new CognitoUser({ Username: 'bob@example.com', Pool: pool }), 'bob@example.com', `${PASSWORD}x`);
    expect(wrong).toEqual({ kind: 'failed', code: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    const nobody = await authenticate(new CognitoUser({ Username: 'nobody@example.com', Pool: pool }), 'nobody@example.com', PASSWORD);
    expect(nobody).toEqual({ kind: 'failed', code: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('gives a nonexistent user the same salt and user id every time (a simulated challenge), so the first step reveals nothing', async () => {
    const first = async (name: string) =>
      (await t.call('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: t.client('WebClient').clientId, AuthParameters: { USERNAME: name, SRP_A: 'abc123' } })).body;
    const [one, two] = [await first('ghost@example.com'), await first('ghost@example.com')];
    expect(one.ChallengeName).toBe('PASSWORD_VERIFIER');
    const p1 = one.ChallengeParameters as Record<string, string>;
    const p2 = two.ChallengeParameters as Record<string, string>;
    expect(p1.SALT).toBe(p2.SALT);
    expect(p1.USER_ID_FOR_SRP).toBe(p2.USER_ID_FOR_SRP);
    expect(p1.USER_ID_FOR_SRP).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(p1.SRP_B).not.toBe(p2.SRP_B);
  });

  it('answers UserNotFoundException for an unknown user on a client with LEGACY existence errors', async () => {
    const legacy = await t.call('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: t.client('LegacyClient').clientId, AuthParameters: { USERNAME: 'ghost@example.com', SRP_A: 'abc' } });
    expect(legacy).toMatchObject({ status: 400, body: { __type: 'UserNotFoundException', message: 'User does not exist.' } });
  });

  it('signs in a case-insensitive pool under any case, with its groups, after an invited user sets a new password', async () => {
    const staff = t.pool('Staff');
    const created = await t.admin('AdminCreateUser', { UserPoolId: staff.userPoolId, Username: 'Ada', TemporaryPassword: 'Temporary-pass1', MessageAction: 'SUPPRESS' });
    expect(created.body).toMatchObject({ User: { Username: 'Ada', UserStatus: 'FORCE_CHANGE_PASSWORD', Enabled: true } });
    const pool = userPoolClient(t.cognito.url, staff.userPoolId, t.client('StaffClient').clientId);
    const user = new CognitoUser({ Username: 'ADA', Pool: pool });
    const first = await authenticate(user, 'ADA', 'Temporary-pass1');
    expect(first.kind).toBe('newPasswordRequired');
    // The Staff policy asks for 10 characters, no symbols.
    expect(await completeNewPassword(user, 'Short1a')).toMatchObject({ kind: 'failed', code: 'InvalidPasswordException' });
    const second = await authenticate(user, 'ADA', 'Temporary-pass1');
    expect(second.kind).toBe('newPasswordRequired');
    const done = await completeNewPassword(user, 'Permanent1pass');
    expect(done.kind).toBe('signedIn');
    if (done.kind !== 'signedIn') return;
    expect(done.session.getAccessToken().decodePayload()).toMatchObject({ username: 'Ada', 'cognito:groups': ['admins'], token_use: 'access' });
    // The Staff client's tokens last 5 minutes.
    const access = done.session.getAccessToken().decodePayload();
    expect(access.exp - access.iat).toBe(300);
    const again = await authenticate(new CognitoUser({ Username: 'ada', Pool: pool }), 'ada', 'Permanent1pass');
    expect(again.kind).toBe('signedIn');
  });

  it('locks a user out after five wrong passwords ("Password attempts exceeded"), even for the right one', async () => {
    const staff = t.pool('Staff');
    await t.admin('AdminCreateUser', { UserPoolId: staff.userPoolId, Username: 'mallory', MessageAction: 'SUPPRESS' });
    await t.admin('AdminSetUserPassword', { UserPoolId: staff.userPoolId, Username: 'mallory', Password: 'Right1password', Permanent: true });
    const attempt = (password: string) =>
      t.call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: t.client('StaffClient').clientId, AuthParameters: { USERNAME: 'mallory', PASSWORD: password } });
    for (let i = 0; i < 5; i += 1) expect((await attempt('Wrong1password')).body.message).toBe('Incorrect username or password.');
    expect((await attempt('Right1password')).body).toEqual({ __type: 'NotAuthorizedException', message: 'Password attempts exceeded' });
  });
});
