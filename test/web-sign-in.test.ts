/**
 * The web app's sign-in pages in Chromium through Amplify Auth (aws-amplify/auth, as the app ships it) against the
 * shared local stack: its Cognito user pool with the OtpService's custom-auth triggers, the code emailed by the stack
 * and read here from the local SES inbox. Passwordless and MFA sign-in, a wrong code, attempts exhausted (and the
 * right code refused afterwards, replayed straight at the pool), an expired code (refused by the pool, and the
 * countdown running out on the page), a network failure, and the ID token verified with jose against the local JWKS.
 * Throughout: the code never appears in anything the pool answers, in the browser's storage or in its console.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cognitoRequest } from '../local/test-support/cognito-request.ts';
import type { SessionItem } from '../infra/model/index.ts';
import { launchBrowser, saveScreenshot } from './support/browser.ts';
import { codeIn, emailsTo, listEmails, uniqueEmail, waitForEmail } from './support/inbox.ts';
import { findTableName, localDynamoDb, SessionTable } from './support/table.ts';
import { sharedEndpoints } from './support/shared-stack.ts';

const endpoints = await sharedEndpoints();
const cognito = endpoints.cognito!;
const poolEntry = cognito.userPools.find((entry) => entry.userPoolId === cognito.userPoolId)!;
const table = new SessionTable(endpoints);
const dynamoDb = localDynamoDb(endpoints);
const PASSWORD = 'Correct-horse-battery-9';
const MAX_ATTEMPTS = 5;

let browser: Browser;
let page: Page;
/** What the page's console said, and every answer the pool gave the page (bodies), checked for the code. */
let consoleLines: string[];
let poolAnswers: string[];
/** The origin of every request the page made. */
let origins: Set<string>;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  table.close();
  dynamoDb.destroy();
});
afterEach(async () => {
  // Amplify honoured userPoolEndpoint in every call the page made (sign-in, answers, session, refresh, sign-out):
  // nothing went to Cognito's public endpoint, or anywhere but the app and the local pool.
  const allowed = [new URL(endpoints.webUrl!).origin, new URL(cognito.endpoint).origin];
  if (origins) expect([...origins].filter((origin) => !allowed.includes(origin))).toEqual([]);
  await page?.close();
});

/** A user of the product's pool (AdminCreateUser, signed with the local credentials), with a password for MFA. */
async function createUser(label: string, password?: string): Promise<string> {
  const email = uniqueEmail(`web-signin-${label}`);
  const admin = async (operation: string, input: Record<string, unknown>) => {
    const answer = await cognitoRequest({ url: cognito.endpoint, region: cognito.region, credentials: endpoints.iam, operation, input });
    if (answer.status !== 200) throw new Error(`${operation}: ${JSON.stringify(answer.body)}`);
  };
  await admin('AdminCreateUser', {
    UserPoolId: cognito.userPoolId,
    Username: email,
    UserAttributes: [
      { Name: 'email', Value: email },
      { Name: 'email_verified', Value: 'true' },
    ],
    MessageAction: 'SUPPRESS',
  });
  if (password) await admin('AdminSetUserPassword', { UserPoolId: cognito.userPoolId, Username: email, Password: password, Permanent: true });
  return email;
}

/** Opens a page of the app (English: the assertions read its English), recording its console and the pool's answers. */
async function open(hash: '#/sign-in' | '#/sign-in-mfa', setUp?: (page: Page) => Promise<void>): Promise<void> {
  page = await browser.newPage({ locale: 'en-US' });
  consoleLines = [];
  poolAnswers = [];
  origins = new Set();
  page.on('request', (request) => origins.add(new URL(request.url()).origin));
  page.on('console', (message) => consoleLines.push(message.text()));
  page.on('response', (response) => {
    if (response.url().startsWith(cognito.endpoint)) void response.text().then((body) => poolAnswers.push(body), () => {});
  });
  await setUp?.(page);
  await page.goto(`${endpoints.webUrl!}/${hash}`);
  await expect.poll(() => page.getByTestId('sign-in').getAttribute('data-step')).toBe('start');
}

/** The Cognito operation of a request the page sent to the pool, e.g. `RespondToAuthChallenge`. */
function poolOperation(request: Request): string | undefined {
  if (!request.url().startsWith(cognito.endpoint) || request.method() !== 'POST') return undefined;
  return request.headers()['x-amz-target']?.replace('AWSCognitoIdentityProviderService.', '');
}

/** Starts a passwordless sign-in from the page and answers the emailed code and the challenge the pool sent. */
async function startPasswordless(email: string): Promise<{ code: string; challenge: Record<string, string> }> {
  const initiated = page.waitForResponse((response) => response.request().headers()['x-amz-target']?.endsWith('.InitiateAuth') ?? false);
  await page.getByTestId('email-input').fill(email);
  await page.getByTestId('email-submit').click();
  const challenge = ((await (await initiated).json()) as { ChallengeParameters: Record<string, string> }).ChallengeParameters;
  await expect.poll(() => page.getByTestId('sign-in').getAttribute('data-step')).toBe('code');
  return { code: codeIn(await waitForEmail(endpoints, email)), challenge };
}

function focusedTestId(): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

/** Amplify's token store in the page's localStorage: the values whose key ends in `suffix` (e.g. `.idToken`). */
function storedTokens(suffix: string): Promise<string[]> {
  return page.evaluate((end) => Object.keys(localStorage).filter((key) => key.endsWith(end)).map((key) => localStorage.getItem(key) ?? ''), suffix);
}

async function signInSession(email: string): Promise<SessionItem> {
  const { Items = [] } = await dynamoDb.send(
    new ScanCommand({
      TableName: await findTableName(dynamoDb),
      FilterExpression: 'email = :email',
      ExpressionAttributeValues: { ':email': { S: email } },
      ConsistentRead: true,
    }),
  );
  expect(Items).toHaveLength(1);
  return unmarshall(Items[0]!) as SessionItem;
}

const wrongCodeFor = (code: string) => String((Number(code) + 1) % 10 ** code.length).padStart(code.length, '0');

/** Nothing the pool answered, nothing in the page's storage and nothing it logged holds the code. */
async function expectCodeNowhere(code: string): Promise<void> {
  expect(poolAnswers.length).toBeGreaterThan(0);
  for (const body of poolAnswers) expect(body).not.toContain(code);
  for (const line of consoleLines) expect(line).not.toContain(code);
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  expect(storage).not.toContain(code);
}

describe('the sign-in pages in Chromium through Amplify Auth against the local pool', { timeout: 90_000 }, () => {
  it('signs in without a password: email, the emailed code, the ID token\'s claims; the token verifies against the local JWKS', async () => {
    const email = await createUser('passwordless');
    await open('#/sign-in');
    // The navigation names the page; the verify page's link is there too. The heading and the tab say which page.
    expect(await page.getByTestId('nav-signIn').getAttribute('aria-current')).toBe('page');
    expect(await page.locator('h1').textContent()).toBe('Sign in with a code');
    expect(await page.title()).toBe('Sign in with a code');
    expect(await page.getByTestId('nav-verify').getAttribute('href')).toBe('#/');
    // The pool allows either flow (the stack's SignInFlow output, passed by the dev server): both sign-in pages.
    expect(await page.getByTestId('nav-mfa').getAttribute('href')).toBe('#/sign-in-mfa');
    const { code, challenge } = await startPasswordless(email);

    // The challenge: the length and expiry, the tries; never the code, nor a destination (the page shows the address
    // typed).
    expect(challenge).toMatchObject({ codeLength: String(code.length), attemptsRemaining: String(MAX_ATTEMPTS) });
    expect(Object.keys(challenge).sort()).toEqual(['USERNAME', 'attemptsRemaining', 'codeLength', 'expiresAt']);
    expect(await page.getByTestId('code-sent-message').textContent()).toContain(email);
    expect(await page.getByTestId('code-input').getAttribute('autocomplete')).toBe('one-time-code');
    expect(await page.getByTestId('code-input').getAttribute('inputmode')).toBe('numeric');
    await expect.poll(() => page.getByTestId('code-expiry').textContent()).toMatch(/expires in 0[0-5]:\d\d/);
    await expect.poll(focusedTestId).toBe('code-input');

    const before = Math.floor(Date.now() / 1000);
    await page.keyboard.insertText(code);
    await expect.poll(() => page.getByTestId('sign-in').getAttribute('data-step')).toBe('signedIn');
    await expect.poll(focusedTestId).toBe('signed-in-message');
    expect(await page.getByTestId('claim-email').getAttribute('data-value')).toBe(email);
    const sub = await page.getByTestId('claim-sub').getAttribute('data-value');
    expect(sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const authTime = Number(await page.getByTestId('claim-auth-time').getAttribute('data-value'));
    expect(authTime).toBeGreaterThanOrEqual(before - 1);
    expect(Number(await page.getByTestId('claim-exp').getAttribute('data-value'))).toBeGreaterThan(authTime);

    // The ID token Amplify keeps verifies with jose against the pool's JWKS, and says what the page showed.
    const [idToken] = await storedTokens('.idToken');
    const { payload } = await jwtVerify(idToken!, createRemoteJWKSet(new URL(poolEntry.jwksUrl)), { issuer: poolEntry.issuer, audience: cognito.clientId! });
    expect(payload).toMatchObject({ sub, email, token_use: 'id', auth_time: authTime });
    expect(await signInSession(email)).toMatchObject({ status: 'VERIFIED', attempts: 1 });
    await expectCodeNowhere(code);
    await saveScreenshot(page, 'web-sign-in-passwordless');

    // A reload finds the session; signing out revokes it and empties the token store.
    await page.reload();
    await expect.poll(() => page.getByTestId('sign-in').getAttribute('data-step')).toBe('signedIn');
    const revoked = page.waitForRequest((request) => poolOperation(request) === 'RevokeToken');
    await page.getByTestId('sign-out').click();
    await revoked;
    await expect.poll(() => page.getByTestId('sign-in').getAttribute('data-step')).toBe('start');
    expect(await storedTokens('.idToken')).toEqual([]);
  });

  it('refreshes expired tokens at the local pool, keeping auth_time', async () => {
    const email = await createUser('refresh');
    await open('#/sign-in', (fresh) => fresh.clock.install({ time: Date.now() }));
    const { code } = await startPasswordless(email);
    await page.getByTestId('code-input').fill(code);
    await expect.poll(() => page.getByTestId('sign-in').getAttribute('data-step')).toBe('signedIn');
    const authTime = await page.getByTestId('claim-auth-time').getAttribute('data-value');
    const exp = Number(await page.getByTestId('claim-exp').getAttribute('data-value'));
    // An hour and a minute later (the ID token lives an hour), the other sign-in page reads the session again:
    // Amplify refreshes the tokens with the refresh token, at the pool's local endpoint.
    await page.clock.fastForward(61 * 60 * 1000);
    const refreshed = page.waitForRequest((request) => poolOperation(request) === 'GetTokensFromRefreshToken');
    await page.getByTestId('nav-mfa').click();
    await refreshed;
    await expect.poll(() => page.getByTestId('sign-in').getAttribute('data-step')).toBe('signedIn');
    expect(await page.getByTestId('claim-auth-time').getAttribute('data-value')).toBe(authTime);
    expect(Number(await page.getByTestId('claim-exp').getAttribute('data-value'))).toBeGreaterThanOrEqual(exp);
    await expectCodeNowhere(code);
  });

  it('signs in with password, then code (MFA); a wrong password is refused before any code is sent', async () => {
    const email = await createUser('mfa', PASSWORD);
    await open('#/sign-in-mfa');
    expect(await page.title()).toBe('Sign in with password and code');
    expect(await page.getByTestId('nav-mfa').getAttribute('aria-current')).toBe('page');
    await page.getByTestId('email-input').fill(email);
    await page.getByTestId('password-input').fill(`${PASSWORD}-wrong`);
    await page.getByTestId('password-submit').click();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('Incorrect email or password.');
    expect(await page.getByTestId('status').getAttribute('data-error-type')).toBe('NotAuthorizedException');
    // The password field is emptied and focused for the next try, and no code went out.
    expect(await page.getByTestId('password-input').inputValue()).toBe('');
    await expect.poll(focusedTestId).toBe('password-input');
    expect(emailsTo(await listEmails(endpoints), email)).toHaveLength(0);

    await page.getByTestId('password-input').fill(PASSWORD);
    const operations: string[] = [];
    page.on('request', (request) => {
      const operation = poolOperation(request);
      if (operation) operations.push(operation);
    });
    await page.getByTestId('password-submit').click();
    await expect.poll(() => page.getByTestId('sign-in').getAttribute('data-step')).toBe('code');
    const code = codeIn(await waitForEmail(endpoints, email));
    await page.getByTestId('code-input').fill(code);
    await expect.poll(() => page.getByTestId('sign-in').getAttribute('data-step')).toBe('signedIn');
    expect(await page.getByTestId('claim-email').getAttribute('data-value')).toBe(email);
    // Amplify's CUSTOM_WITH_SRP: SRP_A, the password proof, then the code.
    expect(operations).toEqual(['InitiateAuth', 'RespondToAuthChallenge', 'RespondToAuthChallenge']);
    await expectCodeNowhere(code);
    await saveScreenshot(page, 'web-sign-in-mfa');
  });

  it('shows the tries left after a wrong code, sends a burst of submits once, then accepts the right code', async () => {
    const email = await createUser('wrong');
    await open('#/sign-in');
    const { code } = await startPasswordless(email);
    const answers: string[] = [];
    page.on('request', (request) => {
      if (poolOperation(request) === 'RespondToAuthChallenge') answers.push(request.postData() ?? '');
    });
    // A wrong code one digit short (well-formed, so Verify sends it; too short to submit itself), then three submits
    // in the same task, before Vue re-renders anything (so the form's own read-only state cannot stop them): one
    // answer reaches the pool.
    await page.getByTestId('code-input').fill(wrongCodeFor(code).slice(1));
    await page.evaluate(() => {
      const form = document.querySelector<HTMLFormElement>('[data-testid="code-form"]')!;
      form.requestSubmit();
      form.requestSubmit();
      form.requestSubmit();
    });
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('That code is not right. 4 attempts remaining.');
    expect(answers).toHaveLength(1);
    expect(await page.getByTestId('code-input').inputValue()).toBe('');
    await expect.poll(focusedTestId).toBe('code-input');

    await page.getByTestId('code-input').fill(`${code.slice(0, 3)} ${code.slice(3)}`);
    await expect.poll(() => page.getByTestId('sign-in').getAttribute('data-step')).toBe('signedIn');
    expect(answers).toHaveLength(2);
    expect(await signInSession(email)).toMatchObject({ status: 'VERIFIED', attempts: 2 });
    // One email: the wrong answer did not send another code.
    expect(emailsTo(await listEmails(endpoints), email)).toHaveLength(1);
    await expectCodeNowhere(code);
  });

  it('refuses the sign-in once the attempts are used up; the right code replayed at the pool then signs no one in', async () => {
    const email = await createUser('exhausted');
    await open('#/sign-in');
    const { code } = await startPasswordless(email);
    const wrong = wrongCodeFor(code);
    let lastSession = '';
    page.on('response', (response) => {
      if (poolOperation(response.request()) !== 'RespondToAuthChallenge') return;
      void response.json().then((body: { Session?: string }) => (lastSession = body.Session ?? lastSession), () => {});
    });
    for (let left = MAX_ATTEMPTS - 1; left >= 1; left -= 1) {
      await page.getByTestId('code-input').fill(wrong);
      await expect.poll(() => page.getByTestId('status').textContent()).toBe(`That code is not right. ${left} attempt${left === 1 ? '' : 's'} remaining.`);
      // The next answer waits for this one's challenge (its new session handle).
      await expect.poll(() => page.getByTestId('code-input').inputValue()).toBe('');
    }
    const replayable = lastSession;
    expect(replayable).not.toBe('');
    await page.getByTestId('code-input').fill(wrong);
    await expect.poll(() => page.getByTestId('sign-in').getAttribute('data-step')).toBe('refused');
    expect(await page.getByTestId('sign-in-refused-message').textContent()).toBe(
      'Too many wrong codes: this sign-in was refused. Start again to get a new code.',
    );
    await expect.poll(focusedTestId).toBe('sign-in-refused-message');
    expect(await page.getByTestId('sign-in-refused').getAttribute('data-error-type')).toBe('NotAuthorizedException');
    await saveScreenshot(page, 'web-sign-in-exhausted');

    // The last challenge's handle with the right code, straight at the pool: refused, no tokens.
    const replay = await cognitoRequest({
      url: cognito.endpoint,
      region: cognito.region,
      operation: 'RespondToAuthChallenge',
      input: { ClientId: cognito.clientId, ChallengeName: 'CUSTOM_CHALLENGE', Session: replayable, ChallengeResponses: { USERNAME: email, ANSWER: code } },
    });
    expect(replay.status).toBe(400);
    expect(replay.body.AuthenticationResult).toBeUndefined();
    expect(await signInSession(email)).toMatchObject({ status: 'PENDING', attempts: MAX_ATTEMPTS });
    expect(await storedTokens('.idToken')).toEqual([]);

    // Starting again at once is a new sign-in inside the resend cooldown: the pool answers it as it answers an address
    // without an account (a code step, nothing sent), so the page cannot say "too many requests"; it says what to do.
    await page.getByTestId('start-again').click();
    await page.getByTestId('email-submit').click();
    await expect.poll(() => page.getByTestId('sign-in').getAttribute('data-step')).toBe('code');
    expect(await page.getByTestId('no-code-hint').textContent()).toBe('If no code arrives, you can start again in a minute.');
    expect((await page.getByTestId('status').textContent())?.trim()).toBe('');
    expect(emailsTo(await listEmails(endpoints), email)).toHaveLength(1);
    await expectCodeNowhere(code);
  });

  it('refuses the right code once it has expired at the pool, and says the code expired', async () => {
    const email = await createUser('expired');
    // The page's clock: installed before the app loads, then held still, so its countdown cannot end the sign-in on
    // its own — the pool's refusal is what is tested here.
    await open('#/sign-in', (fresh) => fresh.clock.install({ time: Date.now() }));
    const { code, challenge } = await startPasswordless(email);
    const session = await signInSession(email);
    await table.expire(session.sessionId);
    await page.clock.pauseAt(Date.now() + 1_000);
    // The page's time moves past the code's expiry without running its timers (as a laptop waking from sleep).
    await page.clock.setSystemTime(Date.parse(challenge.expiresAt!) + 1_000);
    expect(await page.getByTestId('sign-in').getAttribute('data-step')).toBe('code');

    await page.getByTestId('code-input').fill(code);
    await expect.poll(() => page.getByTestId('sign-in').getAttribute('data-step')).toBe('refused');
    expect(await page.getByTestId('sign-in-refused-message').textContent()).toBe(
      'The code has expired: this sign-in was refused. Start again to get a new code.',
    );
    expect(await page.getByTestId('sign-in-refused').getAttribute('data-error-type')).toBe('NotAuthorizedException');
    // The pool refused it: the session was never verified, and no tokens reached the page.
    expect(await table.session(session.sessionId)).toMatchObject({ status: 'PENDING' });
    expect(await storedTokens('.idToken')).toEqual([]);
    await expectCodeNowhere(code);
    await saveScreenshot(page, 'web-sign-in-expired');
  });

  it('ends the sign-in by itself when the countdown runs out, without sending the code', async () => {
    const email = await createUser('countdown');
    await open('#/sign-in', (fresh) => fresh.clock.install({ time: Date.now() }));
    const { challenge } = await startPasswordless(email);
    const answers: string[] = [];
    page.on('request', (request) => {
      if (poolOperation(request) === 'RespondToAuthChallenge') answers.push('answer');
    });
    await page.clock.fastForward(Date.parse(challenge.expiresAt!) - Date.now() + 1_000);
    await expect.poll(() => page.getByTestId('sign-in').getAttribute('data-step')).toBe('refused');
    expect(await page.getByTestId('sign-in-refused').getAttribute('data-error-type')).toBe('EXPIRED');
    expect(answers).toEqual([]);
    await page.getByTestId('start-again').click();
    expect(await page.getByTestId('email-input').inputValue()).toBe(email);
  });

  it('keeps the code step after a network failure and signs in once the pool is reachable again', async () => {
    const email = await createUser('offline');
    await open('#/sign-in');
    const { code } = await startPasswordless(email);
    const toPool = (url: URL) => url.href.startsWith(cognito.endpoint);
    await page.route(toPool, (route) => route.abort('internetdisconnected'));
    await page.getByTestId('code-input').fill(code);
    // Amplify retries a failed request (with backoff) before giving up.
    await expect.poll(() => page.getByTestId('status').getAttribute('data-error-type'), { timeout: 30_000 }).toBe('NetworkError');
    expect(await page.getByTestId('status').textContent()).toBe('Could not reach the sign-in service. Check your connection and try again.');
    // The code stays in the field: the pool never saw it, so it is sent again as it is.
    expect(await page.getByTestId('sign-in').getAttribute('data-step')).toBe('code');
    expect(await page.getByTestId('code-input').inputValue()).toBe(code);
    await page.unroute(toPool);
    await page.getByTestId('code-submit').click();
    await expect.poll(() => page.getByTestId('sign-in').getAttribute('data-step')).toBe('signedIn');
    await expectCodeNowhere(code);
  });
});
