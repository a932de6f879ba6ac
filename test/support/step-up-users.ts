/**
 * Users of the local stack's Cognito user pool for end-to-end tests: created with AdminCreateUser (SigV4-signed with
 * the local credentials, as an administrator's SDK call would be) and signed in with AWS's own browser client,
 * amazon-cognito-identity-js, through the product's passwordless flow (CUSTOM_AUTH: the code from the local inbox).
 */
import { decodeJwt } from 'jose';
import { answerCustomChallenge, CognitoUser, initiateCustomAuth, userPoolClient } from '../../local/services/cognito-local/identity-js-client.ts';
import type { CognitoEndpoints } from '../../local/endpoints.ts';
import { codeIn, emailsTo } from './inbox.ts';
import { followedEmails } from './inbox-follower.ts';
import type { OtpEndpoints } from './otp-stack.ts';
import { signIam } from './sigv4.ts';

/** A signed-in user: their Cognito tokens and `sub`. */
export interface SignedInUser {
  email: string;
  sub: string;
  idToken: string;
  accessToken: string;
}

/** The stack's local Cognito; throws when the stack has no user pool. */
export function cognitoOf(endpoints: OtpEndpoints): CognitoEndpoints & { clientId: string } {
  const cognito = endpoints.cognito;
  if (!cognito?.clientId) throw new Error('the stack has no user pool with an app client (OtpService signIn)');
  return { ...cognito, clientId: cognito.clientId };
}

/** Calls an Admin* operation of the local Cognito, signed for `cognito-idp`; returns the parsed answer. */
export async function cognitoAdmin(endpoints: OtpEndpoints, operation: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const cognito = cognitoOf(endpoints);
  const body = JSON.stringify(input);
  const headers = await signIam(cognito.endpoint, body, { iam: endpoints.iam, region: cognito.region }, {
    service: 'cognito-idp',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
  });
  const response = await fetch(cognito.endpoint, { method: 'POST', headers, body });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${operation}: ${JSON.stringify(answer)}`);
  return answer;
}

/** Creates a confirmed user whose sign-in name and verified email attribute are `email`. */
export async function createUser(endpoints: OtpEndpoints, email: string): Promise<void> {
  await cognitoAdmin(endpoints, 'AdminCreateUser', {
    UserPoolId: cognitoOf(endpoints).userPoolId,
    Username: email,
    UserAttributes: [
      { Name: 'email', Value: email },
      { Name: 'email_verified', Value: 'true' },
    ],
    MessageAction: 'SUPPRESS',
  });
}

/**
 * Signs `email` in without a password (CUSTOM_WITHOUT_SRP): the custom challenge, the code from the email the stack
 * sent for it, the answer. Returns the user's tokens.
 */
export async function signInPasswordless(endpoints: OtpEndpoints, email: string, timeoutMs = 20_000): Promise<SignedInUser> {
  const cognito = cognitoOf(endpoints);
  const user = new CognitoUser({ Username: email, Pool: userPoolClient(cognito.endpoint, cognito.userPoolId, cognito.clientId) });
  const before = emailsTo(await followedEmails(endpoints), email).length;
  const challenge = await initiateCustomAuth(user, email);
  if (challenge.kind !== 'customChallenge') throw new Error(`sign-in of ${email}: ${JSON.stringify(challenge)}`);
  const deadline = Date.now() + timeoutMs;
  let mail = emailsTo(await followedEmails(endpoints), email)[before];
  while (!mail) {
    if (Date.now() > deadline) throw new Error(`no sign-in code for ${email} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    mail = emailsTo(await followedEmails(endpoints), email)[before];
  }
  const done = await answerCustomChallenge(user, codeIn(mail));
  if (done.kind !== 'signedIn') throw new Error(`sign-in of ${email}: ${JSON.stringify(done)}`);
  const idToken = done.session.getIdToken().getJwtToken();
  return { email, sub: String(decodeJwt(idToken).sub), idToken, accessToken: done.session.getAccessToken().getJwtToken() };
}
