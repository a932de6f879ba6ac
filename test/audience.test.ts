/**
 * generateOtp's audience against the shared local stack (no allowedAudiences: API-key callers get the default only).
 * A refused audience writes nothing and sends nothing; IAM callers may name any valid audience; the default is the
 * construct's, as the template passes it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { GenerateOtpDocument, VerificationDocument } from '../infra/documents/generated/graphql.ts';
import { codeEvaluator, resolverCode } from './support/evaluate-code.ts';
import { graphql } from './support/graphql-client.ts';
import { emailsTo, listEmails, uniqueEmail, waitForEmail } from './support/inbox.ts';
import { SessionCensus } from './support/session-census.ts';
import { onlyApi, readSharedStack } from './support/shared-assembly.ts';
import { sharedEndpoints, sharedStackSettled } from './support/shared-stack.ts';

const endpoints = await sharedEndpoints();
const iam = { iam: endpoints.iam, region: endpoints.region };
const census = new SessionCensus(endpoints);
const evaluator = codeEvaluator(endpoints);
afterAll(() => {
  census.close();
  evaluator.destroy();
});

/** The default audience the construct passed to this stack's API. */
const defaultAudience = () => onlyApi(readSharedStack(endpoints.region)).environmentVariables.OTP_DEFAULT_AUDIENCE;

async function audienceOf(sessionId: string): Promise<string | null | undefined> {
  return (await graphql(endpoints, VerificationDocument, { sessionId }, iam)).body.data?.verification?.audience;
}

describe('generateOtp(audience)', () => {
  it('stores the default audience when none is named, for API-key and IAM callers', async () => {
    expect(defaultAudience()).toMatch(/^OtpServiceOtp[0-9A-F]{8}$/);
    for (const auth of [undefined, iam]) {
      const email = uniqueEmail('audience-default');
      const generated = await graphql(endpoints, GenerateOtpDocument, { email }, auth);
      expect(await audienceOf(generated.body.data!.generateOtp!.sessionId)).toBe(defaultAudience());
    }
  });

  it('lets an API-key caller name the default explicitly', async () => {
    const generated = await graphql(endpoints, GenerateOtpDocument, { email: uniqueEmail('audience-explicit'), audience: defaultAudience() });
    expect(await audienceOf(generated.body.data!.generateOtp!.sessionId)).toBe(defaultAudience());
  });

  it('refuses an API-key caller an unlisted audience: BadRequest, no session, no email', async () => {
    const email = uniqueEmail('audience-refused').toLowerCase();
    for (const audience of ['https://evil.example', `${defaultAudience()} `, defaultAudience()!.toLowerCase()]) {
      const answer = await graphql(endpoints, GenerateOtpDocument, { email, audience });
      expect(answer.body.data?.generateOtp ?? null).toBeNull();
      expect(answer.body.errors?.[0]?.errorType).toBe('BadRequest');
    }
    // Whatever the email function was going to (wrongly) send for these requests is in the inbox now.
    await sharedStackSettled();
    expect(await census.itemsFor(email)).toEqual([]);
    expect(emailsTo(await listEmails(endpoints), email)).toEqual([]);
  });

  it('accepts and stores any valid audience from an IAM caller, and emails the code', async () => {
    const email = uniqueEmail('audience-iam');
    const audience = 'https://relying-party.example/login?next=/caf\u00e9';
    const generated = await graphql(endpoints, GenerateOtpDocument, { email, audience }, iam);
    expect(await audienceOf(generated.body.data!.generateOtp!.sessionId)).toBe(audience);
    await waitForEmail(endpoints, email);
  });

  it('refuses audiences that are too long, blank or hold control characters, even from IAM callers', async () => {
    const email = uniqueEmail('audience-invalid').toLowerCase();
    for (const audience of ['x'.repeat(257), '', '   ', 'a\nb', 'a\u0000b', 'a\u2028b']) {
      const answer = await graphql(endpoints, GenerateOtpDocument, { email, audience }, iam);
      expect(answer.body.errors?.[0]?.errorType, JSON.stringify(audience)).toBe('BadRequest');
    }
    expect(await census.itemsFor(email)).toEqual([]);
  });

  it('accepts 256 characters from an IAM caller', async () => {
    const audience = 'a'.repeat(256);
    const generated = await graphql(endpoints, GenerateOtpDocument, { email: uniqueEmail('audience-256'), audience }, iam);
    expect(await audienceOf(generated.body.data!.generateOtp!.sessionId)).toBe(audience);
  });
});

describe('generateOtp with an allow-list (EvaluateCode, OTP_ALLOWED_AUDIENCES as the construct sets it)', () => {
  const generateOtp = resolverCode('Mutation.generateOtp.[table].ts');
  const env = { TABLE_NAME: 'otp-table', OTP_DEFAULT_AUDIENCE: 'otp-api', OTP_ALLOWED_AUDIENCES: 'https://shop.example,app-2' };
  const storedAudience = (result: unknown) =>
    ((result as { transactItems: { attributeValues?: { audience?: { S: string } } }[] }).transactItems[0]?.attributeValues?.audience?.S);

  it('lets an API-key caller (no identity) use a listed audience and refuses any other', async () => {
    const listed = await evaluator.evaluate(generateOtp, 'request', { arguments: { email: 'a@example.com', audience: 'app-2' }, env, stash: {} });
    expect(listed.error).toBeUndefined();
    expect(storedAudience(listed.result)).toBe('app-2');
    const other = await evaluator.evaluate(generateOtp, 'request', { arguments: { email: 'a@example.com', audience: 'app-3' }, env, stash: {} });
    expect(other.error).toMatch(/not allowed/);
  });
});

