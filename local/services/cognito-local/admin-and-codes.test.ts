/**
 * Admin operations and codes: AdminCreateUser's invitation, an expired temporary password, AdminConfirmSignUp,
 * ResendConfirmationCode, an expired confirmation code, too many wrong codes, AdminDeleteUser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCognito, type TestCognito } from './test-cognito.ts';

let t: TestCognito;
let clock = 0;
beforeAll(async () => {
  t = await startTestCognito({ now: () => new Date(Date.now() + clock) });
});
afterAll(() => t?.stop());

const DAY = 24 * 60 * 60 * 1000;
/** Moves the pool's clock; SigV4 still sees the machine's time, so Admin* calls are made before moving it. */
async function later<T>(ms: number, work: () => Promise<T>): Promise<T> {
  clock = ms;
  try {
    return await work();
  } finally {
    clock = 0;
  }
}
const staff = () => t.pool('Staff').userPoolId;
const users = () => t.pool('Users').userPoolId;
const signIn = (clientLogicalId: string, username: string, password: string) =>
  t.call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: t.client(clientLogicalId).clientId, AuthParameters: { USERNAME: username, PASSWORD: password } });

describe('AdminCreateUser', () => {
  it('invites the user with a temporary password that meets the policy, recorded where they would receive it', async () => {
    const created = await t.admin('AdminCreateUser', { UserPoolId: staff(), Username: 'lin', UserAttributes: [{ Name: 'email', Value: 'lin@example.com' }] });
    expect(created.body).toMatchObject({ User: { Username: 'lin', UserStatus: 'FORCE_CHANGE_PASSWORD' } });
    const invitation = t.cognito.messages().find((m) => m.username === 'lin');
    expect(invitation).toMatchObject({ kind: 'AdminCreateUser', deliveryMedium: 'EMAIL', destination: 'lin@example.com' });
    const first = await signIn('StaffClient', 'lin', invitation!.code);
    expect(first.body).toMatchObject({ ChallengeName: 'NEW_PASSWORD_REQUIRED', ChallengeParameters: { USER_ID_FOR_SRP: 'lin', requiredAttributes: '[]' } });
    expect((await t.admin('AdminCreateUser', { UserPoolId: staff(), Username: 'LIN' })).body).toEqual({ __type: 'UsernameExistsException', message: 'User account already exists' });
  });

  it('refuses a temporary password after the pool\'s TemporaryPasswordValidityDays (7)', async () => {
    await t.admin('AdminCreateUser', { UserPoolId: staff(), Username: 'old', TemporaryPassword: 'Temporary1pass', MessageAction: 'SUPPRESS' });
    const answer = await later(8 * DAY, () => signIn('StaffClient', 'old', 'Temporary1pass'));
    expect(answer.body).toEqual({ __type: 'NotAuthorizedException', message: 'Temporary password has expired and must be reset by an administrator.' });
  });
});

describe('confirmation codes', () => {
  it('confirms with AdminConfirmSignUp, and resends a code to an unconfirmed user', async () => {
    const clientId = t.client('WebClient').clientId;
    await t.call('SignUp', { ClientId: clientId, Username: 'rue@example.com', Password: 'Str0ng-passw0rd!' });
    const first = t.confirmationCode('rue@example.com');
    const resent = await t.call('ResendConfirmationCode', { ClientId: clientId, Username: 'rue@example.com' });
    expect(resent.body).toEqual({ CodeDeliveryDetails: { Destination: 'r***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' } });
    const second = t.confirmationCode('rue@example.com');
    expect(second).toMatch(/^\d{6}$/);
    if (first !== second) {
      expect((await t.call('ConfirmSignUp', { ClientId: clientId, Username: 'rue@example.com', ConfirmationCode: first })).body.__type).toBe('CodeMismatchException');
    }
    expect((await t.admin('AdminConfirmSignUp', { UserPoolId: users(), Username: 'rue@example.com' })).body).toEqual({});
    const user = await t.admin('AdminGetUser', { UserPoolId: users(), Username: 'rue@example.com' });
    expect(user.body).toMatchObject({ UserStatus: 'CONFIRMED', UserAttributes: expect.arrayContaining([{ Name: 'email_verified', Value: 'true' }]) });
  });

  it('expires a code after 24 hours, and stops accepting guesses after five wrong codes', async () => {
    const clientId = t.client('WebClient').clientId;
    await t.call('SignUp', { ClientId: clientId, Username: 'tom@example.com', Password: 'Str0ng-passw0rd!' });
    const code = t.confirmationCode('tom@example.com')!;
    const confirm = (value: string) => t.call('ConfirmSignUp', { ClientId: clientId, Username: 'tom@example.com', ConfirmationCode: value });
    expect((await later(DAY + 1000, () => confirm(code))).body).toEqual({ __type: 'ExpiredCodeException', message: 'Invalid code provided, please request a code again.' });
    const wrong = code === '123456' ? '654321' : '123456';
    for (let i = 0; i < 5; i += 1) expect((await confirm(wrong)).body.__type).toBe('CodeMismatchException');
    expect((await confirm(code)).body).toEqual({ __type: 'LimitExceededException', message: 'Attempt limit exceeded, please try after some time.' });
  });

  it('says UserNotFoundException "Username/client id combination not found." on a LEGACY client', async () => {
    const answer = await t.call('ConfirmSignUp', { ClientId: t.client('LegacyClient').clientId, Username: 'nobody@example.com', ConfirmationCode: '123456' });
    expect(answer.body).toEqual({ __type: 'UserNotFoundException', message: 'Username/client id combination not found.' });
  });
});

describe('AdminDeleteUser', () => {
  it('deletes the user and ends their sign-ins', async () => {
    await t.admin('AdminCreateUser', { UserPoolId: staff(), Username: 'gone', MessageAction: 'SUPPRESS' });
    await t.admin('AdminSetUserPassword', { UserPoolId: staff(), Username: 'gone', Password: 'Gone1password', Permanent: true });
    const tokens = (await signIn('StaffClient', 'gone', 'Gone1password')).body.AuthenticationResult as Record<string, string>;
    expect((await t.admin('AdminDeleteUser', { UserPoolId: staff(), Username: 'gone' })).body).toEqual({});
    expect((await t.call('GetUser', { AccessToken: tokens.AccessToken })).body.__type).toBe('NotAuthorizedException');
    expect((await signIn('StaffClient', 'gone', 'Gone1password')).body.__type).toBe('UserNotFoundException');
  });
});
