/**
 * Hostile input against the shared local stack: every request here is answered by a GraphQL error or a 4xx
 * refusal — never a 5xx, a hang, a stack trace or file path, or a write the request should not cause.
 *
 * AppSync behaviours relied on (see RELIABILITY.md for sources and decisions):
 * - AppSync has no query batching (awslabs/aws-mobile-appsync-sdk-js#52): a JSON array body is refused (400).
 * - ResolverCountLimit (1 in the template: a request starts at most one verification): "produces a limit error"
 *   past the limit. Decision of our engine (execute-request.ts): resolvers past the limit fail their field with
 *   errorType ResolverCountLimitExceeded, the earlier ones run. So 25 aliased generateOtp fields create 1 session.
 * - Introspection is enabled by default (GraphqlApi IntrospectionConfig ENABLED), so it is answered.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { GenerateOtpDocument, type GenerateOtpMutation, VerifyOtpDocument } from '../infra/documents/generated/graphql.ts';
import { graphql, queryText } from './support/graphql-client.ts';
import { listEmails, emailsTo, uniqueEmail, waitForEmail } from './support/inbox.ts';
import { errorsOf, postRaw, uncleanAnswerReason, type RawAnswer } from './support/raw-request.ts';
import { SessionCensus } from './support/session-census.ts';
import { SessionTable } from './support/table.ts';
import { sharedEndpoints, sharedStackSettled } from './support/shared-stack.ts';

const endpoints = await sharedEndpoints();
const census = new SessionCensus(endpoints);
const table = new SessionTable(endpoints);
afterAll(() => {
  census.close();
  table.close();
});

const RESOLVER_COUNT_LIMIT = 1;
const MAX_REQUEST_BYTES = 5 * 1024 * 1024;

/** Addresses hostile requests named: none of them may end up with an item or an email. */
const mustStayUntouched: string[] = [];

function untouched(label: string): string {
  const address = uniqueEmail(`hostile-${label}`).toLowerCase();
  mustStayUntouched.push(address);
  return address;
}

const post = (body: unknown) => postRaw(endpoints, typeof body === 'string' ? body : JSON.stringify(body));

function expectClean(answer: RawAnswer): void {
  expect(uncleanAnswerReason(answer), answer.text.slice(0, 300)).toBeUndefined();
}

/** A GraphQL-level refusal: HTTP 200, `data` null or the field null, at least one error. */
function expectGraphQLError(answer: RawAnswer, message?: RegExp): void {
  expectClean(answer);
  expect(answer.status).toBe(200);
  const errors = errorsOf(answer);
  expect(errors.length).toBeGreaterThan(0);
  if (message) expect(errors.map((error) => error.message).join('\n')).toMatch(message);
}

function expectRequestRefusal(answer: RawAnswer, status: number, errorType: string): void {
  expectClean(answer);
  expect(answer.status).toBe(status);
  expect(errorsOf(answer)[0]?.errorType).toBe(errorType);
}

async function freshSession(label: string): Promise<string> {
  const answer = await graphql(endpoints, GenerateOtpDocument, { email: uniqueEmail(label) });
  const sessionId = answer.body.data?.generateOtp?.sessionId;
  if (!sessionId) throw new Error(`generateOtp failed: ${JSON.stringify(answer.body)}`);
  return sessionId;
}

/** The operations' query text, for bodies built by hand. */
const GENERATE_OTP = queryText(GenerateOtpDocument);
const VERIFY_OTP = queryText(VerifyOtpDocument);

const GENERATE_WITH = (email: string) => ({ query: GENERATE_OTP, variables: { email } });

describe('malformed HTTP bodies are refused with a 400, before any resolver runs', () => {
  it.each([
    ['truncated JSON', '{"query":'],
    ['an empty body', ''],
    ['a JSON string', '"mutation { generateOtp(email: \\"a@example.com\\") { sessionId } }"'],
    ['JSON null', 'null'],
    ['a query that is not a string', '{"query":{"generateOtp":1}}'],
    ['variables that are not an object', '{"query":"{ __typename }","variables":"[1]"}'],
    ['binary garbage', '\u0000\u0001\u00ff\ud7ff{{{'],
  ])('%s', async (_name, body) => {
    expectRequestRefusal(await post(body), 400, 'MalformedHttpRequestException');
  });

  it('a batched request (a JSON array of operations): AppSync does not batch', async () => {
    const email = untouched('batch');
    expectRequestRefusal(await post([GENERATE_WITH(email), GENERATE_WITH(email)]), 400, 'MalformedHttpRequestException');
  });

  it(`a body over the ${MAX_REQUEST_BYTES}-byte request limit`, async () => {
    const email = untouched('huge');
    const answer = await post({ ...GENERATE_WITH(email), padding: 'x'.repeat(MAX_REQUEST_BYTES + 1024) });
    expectRequestRefusal(answer, 400, 'MalformedHttpRequestException');
  });
});

describe('GraphQL-level abuse gets GraphQL errors', () => {
  it('a deeply nested selection (500 levels) is a validation error, not a crash', async () => {
    const email = untouched('deep');
    const depth = 500;
    const query = `mutation { generateOtp(email: "${email}") ${'{ sessionId '.repeat(depth)}${'}'.repeat(depth + 1)}`;
    expectGraphQLError(await post({ query }), /SubSelectionNotAllowed/);
  });

  it('a selection nested too deeply to parse (5,000 levels) is a GraphQL error, not a 500', async () => {
    const email = untouched('deeper');
    const depth = 5000;
    const query = `mutation { generateOtp(email: "${email}") ${'{ sessionId '.repeat(depth)}${'}'.repeat(depth + 1)}`;
    expectGraphQLError(await post({ query }), /nested too deeply/);
  });

  it('deeply nested introspection is refused', async () => {
    const query = '{ __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }';
    expectGraphQLError(await post({ query }), /introspection depth/i);
  });

  it('introspection is answered (AppSync enables it by default) and shows no resolver code', async () => {
    const answer = await post({ query: '{ __schema { mutationType { fields { name } } } }' });
    expectClean(answer);
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('generateOtp');
    expect(answer.text).not.toMatch(/request\(ctx\)|import /);
  });

  // generateOtp returns OtpSession!: the first failing field nulls `data` and graphql-js (like AppSync, following
  // the spec's non-null propagation) runs no later field of the serial mutation.
  it('25 aliased generateOtp of one address send one email: the resolver count limit stops the rest', async () => {
    const email = uniqueEmail('hostile-alias-one').toLowerCase();
    const fields = Array.from({ length: 25 }, (_, i) => `a${i}: generateOtp(email: "${email}") { sessionId }`);
    const answer = await post({ query: `mutation { ${fields.join('\n')} }` });
    expectClean(answer);
    expect(answer.json).toMatchObject({ data: null, errors: [{ errorType: 'ResolverCountLimitExceeded', path: ['a1'] }] });
    expect(errorsOf(answer)).toHaveLength(1);
    await sharedStackSettled();
    expect(emailsTo(await listEmails(endpoints), email)).toHaveLength(1);
    expect(await census.sessionsFor(email)).toHaveLength(1);
  });

  it(`25 aliased generateOtp of distinct addresses run at most ${RESOLVER_COUNT_LIMIT} resolvers (ResolverCountLimit)`, async () => {
    const addresses = Array.from({ length: 25 }, (_, i) => uniqueEmail(`hostile-alias-${i}`).toLowerCase());
    const fields = addresses.map((email, i) => `a${i}: generateOtp(email: "${email}") { sessionId }`);
    const answer = await post({ query: `mutation { ${fields.join('\n')} }` });
    expectClean(answer);
    expect(answer.json).toMatchObject({
      data: null,
      errors: [{ errorType: 'ResolverCountLimitExceeded', path: [`a${RESOLVER_COUNT_LIMIT}`] }],
    });
    const created = await Promise.all(addresses.map(async (email) => (await census.sessionsFor(email)).length));
    expect(created).toEqual(addresses.map((_, i) => (i < RESOLVER_COUNT_LIMIT ? 1 : 0)));
    mustStayUntouched.push(...addresses.slice(RESOLVER_COUNT_LIMIT));
  });

  it('an unknown operationName', async () => {
    const email = untouched('opname');
    expectGraphQLError(await post({ ...GENERATE_WITH(email), operationName: 'NoSuchOperation' }), /Unknown operation/);
  });

  it('a missing required variable', async () => {
    expectGraphQLError(await post({ query: GENERATE_OTP, variables: {} }), /Variable 'email'/);
  });

  it('an extra, undeclared variable is ignored and the operation runs once', async () => {
    const email = uniqueEmail('hostile-extra').toLowerCase();
    const answer = await post({ query: GENERATE_OTP, variables: { email, sessionId: '#pk', admin: true } });
    expectClean(answer);
    expect(errorsOf(answer)).toEqual([]);
    expect(await census.sessionsFor(email)).toHaveLength(1);
  });
});

describe('wrong types and invalid values change nothing', () => {
  it.each([
    ['a number', 42],
    ['an object', { $ne: null }],
    ['a list', ['a@example.com']],
    ['a boolean', true],
  ])('email as %s', async (_name, value) => {
    expectGraphQLError(await post({ query: GENERATE_OTP, variables: { email: value } }), /Variable 'email'/);
  });

  it.each([
    ['no at sign', (address: string) => address.replace('@', '')],
    ['a space', (address: string) => address.replace('@', ' @')],
    ['non-ASCII characters', (address: string) => address.replace('@', 'ö@exämple.')],
    ['a header injection', (address: string) => `${address}\r\nBcc: victim@example.com`],
    ['two addresses', (address: string) => `${address}, victim@example.com`],
    ['an overlong domain (3000 characters)', (address: string) => `${address.replace('@example.com', '@')}${'a'.repeat(3000)}.com`],
  ])('an email with %s', async (_name, spoil) => {
    const address = untouched('bad-email');
    // The spoiled address contains the untouched one, so the final census also proves nothing was written for it.
    expectGraphQLError(await post(GENERATE_WITH(spoil(address))));
  });

  it('an email whose local part is longer than a mail server accepts is BadRequest and writes nothing', async () => {
    const address = untouched('overlong-local');
    const answer = await post(GENERATE_WITH(`${'x'.repeat(300)}${address}`));
    expectGraphQLError(answer, /too long/);
    expect(errorsOf(answer)[0]?.errorType).toBe('BadRequest');
  });

  // Spaces and dashes are separators people paste with a code (resolvers/lib/input.ts), so ' 123 456' is a code
  // attempt by design and is not in this list.
  it.each([
    ['letters', '12a456'],
    ['a trailing newline', '123456\n'],
    ['full-width digits', '１２３４５６'],
    ['too few digits', '123'],
    ['too many digits', '12345678901'],
    ['an overlong string', '1'.repeat(100_000)],
    ['an empty string', ''],
    ['an expression placeholder', ':code'],
    ['an attribute name placeholder', '#codeHash'],
    ['a condition fragment', '123456 OR attribute_exists(pk)'],
  ])('a code with %s uses no attempt', async (_name, code) => {
    const sessionId = await freshSession('hostile-code');
    const answer = await post({ query: VERIFY_OTP, variables: { sessionId, code } });
    expectGraphQLError(answer);
    expect(errorsOf(answer)[0]?.errorType).toBe('BadRequest');
    expect(await table.session(sessionId)).toMatchObject({ status: 'PENDING', attempts: 0 });
  });

  it('a code given as a number is a variable type error', async () => {
    const sessionId = await freshSession('hostile-code-int');
    expectGraphQLError(await post({ query: VERIFY_OTP, variables: { sessionId, code: 123456 } }), /Variable 'code'/);
    expect(await table.session(sessionId)).toMatchObject({ attempts: 0 });
  });

  it.each([
    ['a key of another item type', 'RATE#a@example.com#0'],
    ['a full session key', 'SESSION#6f1c0000-0000-4000-8000-000000000000'],
    ['an attribute name placeholder', '#pk'],
    ['a value placeholder', ':pk'],
    ['a condition fragment', "x' OR attribute_exists(pk) OR 'a'='a"],
    ['a template expression', '${ctx.env.HMAC_SECRET}'],
    ['an overlong id', 'f'.repeat(100_000)],
  ])('a session id with %s is refused and writes nothing', async (_name, sessionId) => {
    const answer = await post({ query: VERIFY_OTP, variables: { sessionId, code: '123456' } });
    expectGraphQLError(answer);
    expect(errorsOf(answer)[0]?.errorType).toBe('BadRequest');
    expect(answer.text).not.toMatch(/HMAC_SECRET|secret/i);
    // The injected key did not become an item (DynamoDB refuses keys over 2048 bytes, so only short ones are looked up).
    if (sessionId.length < 1000) expect(await table.session(sessionId.replace(/^SESSION#/, ''))).toBeUndefined();
  });

  it('an email full of expression syntax is stored as a plain value, or refused', async () => {
    const email = `x#pk:status${Date.now()}@example.com`;
    const answer = await post(GENERATE_WITH(email));
    expectClean(answer);
    const sessionId = (answer.json as { data?: GenerateOtpMutation } | undefined)?.data?.generateOtp?.sessionId;
    if (sessionId) expect(await table.session(sessionId)).toMatchObject({ email: email.toLowerCase(), status: 'PENDING' });
    else expect(errorsOf(answer).length).toBeGreaterThan(0);
  });
});

describe('after all the hostile requests', () => {
  it('no item and no email exists for any address that was only ever sent in a refused request', async () => {
    // The stream → Lambda → SES path has delivered anything it (wrongly) would.
    await sharedStackSettled();
    const emails = await listEmails(endpoints);
    for (const address of mustStayUntouched) {
      expect(emailsTo(emails, address), address).toEqual([]);
      expect(await census.itemsFor(address), address).toEqual([]);
    }
    expect(mustStayUntouched.length).toBeGreaterThan(10);
  });

  it('the endpoint still serves a normal request', async () => {
    const email = uniqueEmail('hostile-after');
    const answer = await graphql(endpoints, GenerateOtpDocument, { email });
    expect(answer.status).toBe(200);
    expect(answer.body.data?.generateOtp?.sessionId).toBeTruthy();
    await waitForEmail(endpoints, email, 10_000);
  });
});
