/**
 * Step-up for signed-in users, end to end on the shared local stack: users of the stack's Cognito pool, signed in
 * with AWS's own client through the passwordless flow, call generateOtp with their ID token and no address. The code
 * goes to their own email and nobody else's, only they can verify the session, and the verification token (checked
 * with jose against the stack's JWKS) and the `verification` lookup carry their `sub`.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  GenerateOtpDocument,
  StepUpOtpDocument,
  VerificationDocument,
  VerifyOtpDocument,
  type StepUpOtpMutation,
  type VerifyOtpMutation,
} from '../infra/documents/generated/graphql.ts';
import { cooldownPk, type CooldownItem } from '../infra/model/index.ts';
import { graphql, queryText, type GraphQLAnswer } from './support/graphql-client.ts';
import { codeIn, emailsTo, uniqueEmail, waitForEmail } from './support/inbox.ts';
import { followedEmails } from './support/inbox-follower.ts';
import { SessionCensus } from './support/session-census.ts';
import { createUser, signInPasswordless, type SignedInUser } from './support/step-up-users.ts';
import { SessionTable } from './support/table.ts';
import { sharedEndpoints } from './support/shared-stack.ts';

const endpoints = await sharedEndpoints();
const iam = { iam: endpoints.iam, region: endpoints.region };
const census = new SessionCensus(endpoints);
const table = new SessionTable(endpoints);
const jwks = createRemoteJWKSet(new URL(endpoints.jwksUrl));

/** One operation with a Cognito token in `Authorization`, as Amplify's AMAZON_COGNITO_USER_POOLS mode sends it. */
async function withToken<T>(token: string, document: Parameters<typeof queryText>[0], variables: Record<string, unknown>): Promise<GraphQLAnswer<T>> {
  const response = await fetch(endpoints.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: token },
    body: JSON.stringify({ query: queryText(document), variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLAnswer<T>['body'] };
}

const stepUp = (token: string, variables: Record<string, unknown> = {}) => withToken<StepUpOtpMutation>(token, StepUpOtpDocument, variables);
/** generateOtp naming an address, with a user's token. */
const stepUpNaming = (token: string, email: string) => withToken<StepUpOtpMutation>(token, GenerateOtpDocument, { email });
const verifyWith = (token: string, sessionId: string, code: string) => withToken<VerifyOtpMutation>(token, VerifyOtpDocument, { sessionId, code });

/**
 * The mailbox's resend cooldown marker, which the sign-in's code set: `expiresAt - lastSentAt` is the cooldown the
 * stack was configured with (resolvers/lib/send-limit-writes.ts writes both from the same send).
 */
async function cooldownOf(user: SignedInUser): Promise<{ pk: string; lastSentAt: number; cooldownSeconds: number }> {
  const [signIn] = await census.signInSessionsFor(user.email.toLowerCase());
  if (!signIn) throw new Error(`no sign-in session for ${user.email}`);
  const pk = cooldownPk(String(signIn.mailbox));
  const marker = (await table.item(pk)) as CooldownItem | undefined;
  if (!marker) throw new Error(`no cooldown marker for ${user.email}'s sign-in`);
  return { pk, lastSentAt: marker.lastSentAt, cooldownSeconds: marker.expiresAt - marker.lastSentAt };
}

/**
 * The step-up request once the mailbox's resend cooldown is over. The sign-in that gave the user their token sent a
 * code to the same mailbox moments ago; waiting the cooldown out took 30–40 s (a refusal's retryAfter is a full
 * cooldown from the refused request, rounded up to 10 s). Instead the marker's `lastSentAt` is moved one cooldown
 * back, as if that time had passed — the marker is what the send condition compares (`lastSentAt <= now - cooldown`),
 * so the step-up's own transaction still runs every check. That the sign-in's code does count against the cooldown
 * is proven by the test "counts the sign-in's code against the mailbox's resend cooldown" below; the cooldown itself
 * by test/rate-limits.test.ts.
 */
async function stepUpAfterCooldown(user: SignedInUser): Promise<string> {
  const { pk, lastSentAt, cooldownSeconds } = await cooldownOf(user);
  await table.setNumber(pk, 'lastSentAt', lastSentAt - cooldownSeconds);
  const answer = await stepUp(user.idToken);
  const sessionId = answer.body.data?.generateOtp?.sessionId;
  if (!sessionId) throw new Error(`step-up refused: ${JSON.stringify(answer.body)}`);
  return sessionId;
}

/** How many emails the local inbox holds for `address`. */
async function inboxCount(address: string): Promise<number> {
  return emailsTo(await followedEmails(endpoints), address).length;
}

let alice: SignedInUser;
let bob: SignedInUser;

beforeAll(async () => {
  const emails = [uniqueEmail('step-up-alice'), uniqueEmail('step-up-bob')] as const;
  await Promise.all(emails.map((email) => createUser(endpoints, email)));
  [alice, bob] = await Promise.all([signInPasswordless(endpoints, emails[0]), signInPasswordless(endpoints, emails[1])]);
}, 90_000);

describe('step-up: generateOtp with a user pool token', () => {
  it("refuses another user's address (Unauthorized): nothing written, nothing sent", async () => {
    const bobSessions = (await census.sessionsFor(bob.email)).length;
    const bobMail = await inboxCount(bob.email);
    for (const other of [bob.email, bob.email.toUpperCase(), bob.email.replace('@', '+alice@')]) {
      const answer = await stepUpNaming(alice.idToken, other);
      expect(answer.status).toBe(200);
      expect(answer.body.data).toBeNull();
      expect(answer.body.errors).toMatchObject([{ errorType: 'Unauthorized', path: ['generateOtp'] }]);
    }
    expect(await census.sessionsFor(bob.email)).toHaveLength(bobSessions);
    // Nothing written means no stream record, so no email; the last test looks at Bob's inbox again after Alice's
    // own code arrived.
    expect(await inboxCount(bob.email)).toBe(bobMail);
  });

  it('refuses an access token (BadRequest naming the ID token), with or without an address', async () => {
    const before = (await census.sessionsFor(alice.email)).length;
    for (const answer of [await stepUp(alice.accessToken), await stepUpNaming(alice.accessToken, alice.email)]) {
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toMatchObject([{ errorType: 'BadRequest', message: expect.stringContaining('ID token') }]);
    }
    expect(await census.sessionsFor(alice.email)).toHaveLength(before);
  });

  it('still requires an address from API-key and IAM callers (BadRequest)', async () => {
    for (const auth of [{ apiKey: endpoints.apiKey }, iam]) {
      const answer = await graphql(endpoints, queryText(StepUpOtpDocument), {}, auth);
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toMatchObject([{ errorType: 'BadRequest', message: 'An email address is required.' }]);
    }
  });

  it("counts the sign-in's code against the mailbox's resend cooldown: refused (RateLimitExceeded), nothing written or sent", async () => {
    const { lastSentAt, cooldownSeconds } = await cooldownOf(alice);
    // Still inside the cooldown the sign-in started (the tests before this one take well under a second).
    expect(Date.now() / 1000).toBeLessThan(lastSentAt + cooldownSeconds - 1);
    const sessions = (await census.sessionsFor(alice.email.toLowerCase())).length;
    const mail = await inboxCount(alice.email);
    const answer = await stepUp(alice.idToken);
    expect(answer.body.data?.generateOtp ?? null).toBeNull();
    expect(answer.body.errors).toMatchObject([{ errorType: 'RateLimitExceeded', path: ['generateOtp'] }]);
    // A full cooldown from this request, as for any address (test/rate-limits.test.ts): the sign-in's time stays unknown.
    expect((answer.body.errors![0]!.errorInfo as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(cooldownSeconds);
    expect(await census.sessionsFor(alice.email.toLowerCase())).toHaveLength(sessions);
    expect(await inboxCount(alice.email)).toBe(mail);
  });

  it('refuses a token that is not the pool\'s (HTTP 401)', async () => {
    const [header, payload] = alice.idToken.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    expect((await stepUp(forged)).status).toBe(401);
  });
});

describe('step-up: the whole flow', () => {
  let sessionId: string;
  let code: string;

  beforeAll(async () => {
    const mailBefore = await inboxCount(alice.email);
    sessionId = await stepUpAfterCooldown(alice);
    const deadline = Date.now() + 20_000;
    while ((await inboxCount(alice.email)) <= mailBefore && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const mail = emailsTo(await followedEmails(endpoints), alice.email)[mailBefore];
    if (!mail) throw new Error('no step-up email for Alice');
    code = codeIn(mail);
  }, 120_000);

  it("stores the session for Alice's email, bound to her sub", async () => {
    expect(await table.session(sessionId)).toMatchObject({ email: alice.email.toLowerCase(), userSub: alice.sub, status: 'PENDING', attempts: 0 });
  });

  it('refuses the right code from an API-key caller, an IAM caller and another user, changing nothing, also in a burst', async () => {
    const attackers = () => [
      graphql(endpoints, VerifyOtpDocument, { sessionId, code }),
      graphql(endpoints, VerifyOtpDocument, { sessionId, code }, iam),
      verifyWith(bob.idToken, sessionId, code),
      verifyWith(bob.accessToken, sessionId, code),
      verifyWith(alice.accessToken.replace(/\.[^.]*$/, '.AAAA'), sessionId, code),
    ];
    // Five rounds of every attacker at once, more requests than the session has attempts.
    const answers = await Promise.all(Array.from({ length: 5 }, attackers).flat());
    for (const answer of answers) {
      if (answer.status === 401) continue; // the forged token: refused before any resolver
      expect(answer.status).toBe(200);
      // As for a wrong code, whatever the session's state: an attacker learns nothing about it.
      expect(answer.body.data?.verifyOtp).toMatchObject({ verified: false, status: 'INVALID_CODE', token: null });
      expect(JSON.stringify(answer.body)).not.toContain(code);
    }
    expect(answers.filter((answer) => answer.status === 401)).toHaveLength(5);
    // Not one attempt counted: the attackers cannot even use up Alice's attempts.
    expect(await table.session(sessionId)).toMatchObject({ status: 'PENDING', attempts: 0 });
  });

  it("verifies with Alice's ID token; the token's sub is hers, with her email beside it", async () => {
    const answer = await verifyWith(alice.idToken, sessionId, code);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.verifyOtp).toMatchObject({ verified: true, status: 'VERIFIED' });
    const token = answer.body.data!.verifyOtp.token!;
    const { payload } = await jwtVerify(token, jwks, { issuer: endpoints.graphqlUrl, algorithms: ['ES256'] });
    expect(payload).toMatchObject({ sub: alice.sub, email: alice.email.toLowerCase(), sid: sessionId });
    // A retry, and the attackers after the fact, get nothing more.
    expect((await verifyWith(alice.idToken, sessionId, code)).body.data?.verifyOtp).toMatchObject({ verified: false, status: 'ALREADY_USED', token: null });
    expect((await verifyWith(bob.idToken, sessionId, code)).body.data?.verifyOtp).toMatchObject({ verified: false, status: 'INVALID_CODE', token: null });
    expect((await graphql(endpoints, VerifyOtpDocument, { sessionId, code })).body.data?.verifyOtp).toMatchObject({ verified: false, status: 'INVALID_CODE' });
  });

  it("answers the verification lookup with Alice's sub", async () => {
    const lookup = await graphql(endpoints, VerificationDocument, { sessionId }, iam);
    expect(lookup.body.data?.verification).toMatchObject({ sessionId, state: 'VERIFIED', email: alice.email.toLowerCase(), userSub: alice.sub });
  });

  it('sent no code to Bob for Alice, and nothing to Bob for his refused requests', async () => {
    // Bob's only email is his sign-in code: Alice's step-up, which arrived meanwhile, went to her.
    expect(await inboxCount(bob.email)).toBe(1);
    expect(emailsTo(await followedEmails(endpoints), alice.email)).toHaveLength(2);
  });
});

describe('sign-in sessions', () => {
  it('are not shown by the verification lookup: null, as for an unknown id', async () => {
    const signIns = await census.signInSessionsFor(alice.email.toLowerCase());
    expect(signIns.length).toBeGreaterThan(0);
    for (const session of signIns) {
      const lookup = await graphql(endpoints, VerificationDocument, { sessionId: String(session.sessionId) }, iam);
      expect(lookup.body).toEqual({ data: { verification: null } });
    }
  });
});

describe('a session started without a user', () => {
  it('may be verified by a signed-in user, and its token and lookup name the address, not the caller', async () => {
    const email = uniqueEmail('step-up-plain').toLowerCase();
    const started = await graphql(endpoints, GenerateOtpDocument, { email });
    const sessionId = started.body.data!.generateOtp.sessionId;
    const plainCode = codeIn(await waitForEmail(endpoints, email));
    const answer = await verifyWith(alice.idToken, sessionId, plainCode);
    expect(answer.body.data?.verifyOtp).toMatchObject({ verified: true, status: 'VERIFIED' });
    const { payload } = await jwtVerify(answer.body.data!.verifyOtp.token!, jwks, { issuer: endpoints.graphqlUrl });
    expect(payload).toMatchObject({ sub: email, email });
    const lookup = await graphql(endpoints, VerificationDocument, { sessionId }, iam);
    expect(lookup.body.data?.verification).toMatchObject({ email, userSub: null });
  });
});
