/**
 * Every operation × every way of (not) authenticating, against the shared stack — and, for an expired API key,
 * against an engine of our own started with the same API definition and an ApiKeyConfig already past its expiry.
 *
 * Request-level refusals (no / wrong / expired key, unsigned or mis-signed SigV4): HTTP 401,
 * `UnauthorizedException` (APPSYNC-REFERENCE §3), nothing written. Field-level refusal (API key on the IAM-only
 * `verification`): HTTP 200, the field null, errorType `Unauthorized`.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OtpEndpoints } from './support/otp-stack.ts';
import { startAppSyncServer, type AppSyncServer } from 'appsync-local';
import { onlyApi, readSharedStack } from './support/shared-assembly.ts';
import { GenerateOtpDocument, VerificationDocument, VerifyOtpDocument } from '../infra/documents/generated/graphql.ts';
import { graphql, queryText } from './support/graphql-client.ts';
import { signIam } from './support/sigv4.ts';
import { uniqueEmail } from './support/inbox.ts';
import { errorsOf, postRaw, uncleanAnswerReason, type RawAnswer } from './support/raw-request.ts';
import { SessionCensus } from './support/session-census.ts';
import { createUser, signInPasswordless, type SignedInUser } from './support/step-up-users.ts';
import { sharedEndpoints } from './support/shared-stack.ts';

const endpoints = await sharedEndpoints();
const census = new SessionCensus(endpoints);
const EXPIRED_KEY = 'da2-expiredexpiredexpiredexp';
let expiredKeyEngine: AppSyncServer;

beforeAll(async () => {
  const api = onlyApi(readSharedStack(endpoints.region));
  expiredKeyEngine = await startAppSyncServer({
    // Same schema, resolvers and table as the shared stack; its only key expired a minute ago.
    api: { ...api, apiKeys: [{ logicalId: 'ExpiredKey', id: EXPIRED_KEY, expires: Math.floor(Date.now() / 1000) - 60 }] },
    dynamodb: { endpoint: endpoints.dynamodbUrl, region: endpoints.region },
    region: endpoints.region,
    iamCredentials: endpoints.iam,
  });
});
afterAll(async () => {
  census.close();
  await expiredKeyEngine?.stop();
});

type AuthCase = 'no key' | 'wrong key' | 'expired key' | 'valid key' | 'unsigned IAM' | 'mis-signed IAM' | 'tampered IAM body' | 'valid IAM';

/** Headers for one way of authenticating, and the endpoint the request goes to. */
async function requestFor(auth: AuthCase, body: string): Promise<{ target: OtpEndpoints; headers: Record<string, string> }> {
  const json = { 'content-type': 'application/json' };
  const iam = { iam: endpoints.iam, region: endpoints.region };
  switch (auth) {
    case 'no key':
      return { target: endpoints, headers: json };
    case 'wrong key':
      return { target: endpoints, headers: { ...json, 'x-api-key': 'da2-thisisnotakeyofthisapi0000' } };
    case 'expired key':
      return { target: { ...endpoints, graphqlUrl: expiredKeyEngine.graphqlUrl }, headers: { ...json, 'x-api-key': EXPIRED_KEY } };
    case 'valid key':
      return { target: endpoints, headers: { ...json, 'x-api-key': endpoints.apiKey } };
    case 'unsigned IAM': {
      // What a client that forgot to sign sends: the SigV4 date and token headers without an Authorization header.
      const { authorization: _dropped, ...unsigned } = await signIam(endpoints.graphqlUrl, body, iam);
      return { target: endpoints, headers: unsigned };
    }
    case 'mis-signed IAM': {
      const wrongSecret = { ...iam, iam: { ...endpoints.iam, secretAccessKey: `${endpoints.iam.secretAccessKey}x` } };
      return { target: endpoints, headers: await signIam(endpoints.graphqlUrl, body, wrongSecret) };
    }
    case 'tampered IAM body':
      // Signed for another body: the payload hash no longer matches.
      return { target: endpoints, headers: await signIam(endpoints.graphqlUrl, `${body} `, iam) };
    case 'valid IAM':
      return { target: endpoints, headers: await signIam(endpoints.graphqlUrl, body, iam) };
  }
}

async function send<V>(auth: AuthCase, document: TypedDocumentNode<unknown, V>, variables: V): Promise<RawAnswer> {
  const body = JSON.stringify({ query: queryText(document), variables });
  const { target, headers } = await requestFor(auth, body);
  return postRaw(target, body, headers);
}

async function freshSessionId(): Promise<string> {
  const answer = await graphql(endpoints, GenerateOtpDocument, { email: uniqueEmail('auth-matrix-session') });
  const sessionId = answer.body.data?.generateOtp?.sessionId;
  if (!sessionId) throw new Error(`generateOtp failed: ${JSON.stringify(answer.body)}`);
  return sessionId;
}

interface Operation {
  name: 'generateOtp' | 'verifyOtp' | 'verification';
  /** Sends the operation with `auth`; returns the answer and the address it used (generateOtp) for write checks. */
  run(auth: AuthCase): Promise<{ answer: RawAnswer; email?: string }>;
}

const operations: Operation[] = [
  {
    name: 'generateOtp',
    async run(auth) {
      const email = uniqueEmail(`auth-matrix-${auth.replace(/\W/g, '')}`).toLowerCase();
      return { answer: await send(auth, GenerateOtpDocument, { email }), email };
    },
  },
  {
    name: 'verifyOtp',
    async run(auth) {
      return { answer: await send(auth, VerifyOtpDocument, { sessionId: await freshSessionId(), code: '000000' }) };
    },
  },
  {
    name: 'verification',
    async run(auth) {
      return { answer: await send(auth, VerificationDocument, { sessionId: await freshSessionId() }) };
    },
  },
];

const REFUSED_AT_REQUEST: AuthCase[] = ['no key', 'wrong key', 'expired key', 'unsigned IAM', 'mis-signed IAM', 'tampered IAM body'];

describe.each(operations)('$name', (operation) => {
  it.each(REFUSED_AT_REQUEST)('%s → HTTP 401 UnauthorizedException, nothing written', async (auth) => {
    const { answer, email } = await operation.run(auth);
    expect(uncleanAnswerReason(answer)).toBeUndefined();
    expect(answer.status).toBe(401);
    expect(answer.json).not.toHaveProperty('data');
    expect(errorsOf(answer)).toHaveLength(1);
    expect(errorsOf(answer)[0]?.errorType).toBe('UnauthorizedException');
    // The wording for an expired key is our engine's decision (API_KEY_EXPIRED_MESSAGE); the others are AppSync's.
    if (auth !== 'expired key') expect(errorsOf(answer)[0]?.message).toBe('You are not authorized to make this call.');
    if (email) expect(await census.itemsFor(email)).toEqual([]);
  });

  it('valid IAM → HTTP 200 with data', async () => {
    const { answer } = await operation.run('valid IAM');
    expect(answer.status).toBe(200);
    expect(errorsOf(answer)).toEqual([]);
    expect((answer.json as { data: Record<string, unknown> }).data[operation.name]).not.toBeNull();
  });

  if (operation.name === 'verification') {
    it('valid key → HTTP 200, field null, errorType Unauthorized (the field is IAM-only)', async () => {
      const { answer } = await operation.run('valid key');
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({
        data: { verification: null },
        errors: [{ errorType: 'Unauthorized', path: ['verification'], message: 'Not Authorized to access verification on type Query' }],
      });
    });
  } else {
    it('valid key → HTTP 200 with data', async () => {
      const { answer } = await operation.run('valid key');
      expect(answer.status).toBe(200);
      expect(errorsOf(answer)).toEqual([]);
      expect((answer.json as { data: Record<string, unknown> }).data[operation.name]).not.toBeNull();
    });
  }
});

/**
 * The additional AMAZON_COGNITO_USER_POOLS mode (step-up, test/step-up.test.ts for the flow): a token of the stack's
 * pool in `Authorization`, the user signed in through the passwordless flow with AWS's own client.
 */
describe('user pool tokens', () => {
  let user: SignedInUser;
  beforeAll(async () => {
    const email = uniqueEmail('auth-matrix-user');
    await createUser(endpoints, email);
    user = await signInPasswordless(endpoints, email);
  }, 90_000);

  async function sendWithToken<V>(token: string, document: TypedDocumentNode<unknown, V>, variables: V): Promise<RawAnswer> {
    return postRaw(endpoints, JSON.stringify({ query: queryText(document), variables }), { 'content-type': 'application/json', authorization: token });
  }

  it('forged token → HTTP 401 UnauthorizedException for every operation, nothing written', async () => {
    const [header, payload] = user.idToken.split('.');
    const forged = `${header}.${payload}.${Buffer.from('forged').toString('base64url')}`;
    const email = uniqueEmail('auth-matrix-forged').toLowerCase();
    const answers = [
      await sendWithToken(forged, GenerateOtpDocument, { email }),
      await sendWithToken(forged, VerifyOtpDocument, { sessionId: await freshSessionId(), code: '000000' }),
      await sendWithToken(forged, VerificationDocument, { sessionId: await freshSessionId() }),
    ];
    for (const answer of answers) {
      expect(uncleanAnswerReason(answer)).toBeUndefined();
      expect(answer.status).toBe(401);
      expect(errorsOf(answer)).toMatchObject([{ errorType: 'UnauthorizedException' }]);
    }
    expect(await census.itemsFor(email)).toEqual([]);
  });

  it('ID token → generateOtp of an address not theirs: field Unauthorized, nothing written', async () => {
    const email = uniqueEmail('auth-matrix-not-theirs').toLowerCase();
    const answer = await sendWithToken(user.idToken, GenerateOtpDocument, { email });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ data: null, errors: [{ errorType: 'Unauthorized', path: ['generateOtp'] }] });
    expect(await census.itemsFor(email)).toEqual([]);
  });

  it.each([
    ['ID token', () => user.idToken],
    ['access token', () => user.accessToken],
  ])('%s → verifyOtp HTTP 200 with data; verification field null, errorType Unauthorized (IAM-only)', async (_kind, token) => {
    const verify = await sendWithToken(token(), VerifyOtpDocument, { sessionId: await freshSessionId(), code: '000000' });
    expect(verify.status).toBe(200);
    expect(errorsOf(verify)).toEqual([]);
    expect(verify.json).toMatchObject({ data: { verifyOtp: { verified: false, status: 'INVALID_CODE' } } });
    const lookup = await sendWithToken(token(), VerificationDocument, { sessionId: await freshSessionId() });
    expect(lookup.status).toBe(200);
    expect(lookup.json).toMatchObject({
      data: { verification: null },
      errors: [{ errorType: 'Unauthorized', path: ['verification'], message: 'Not Authorized to access verification on type Query' }],
    });
  });

  it('access token → generateOtp BadRequest (only the ID token carries the email), nothing written', async () => {
    const answer = await sendWithToken(user.accessToken, GenerateOtpDocument, { email: user.email });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ data: null, errors: [{ errorType: 'BadRequest', path: ['generateOtp'] }] });
  });
});
