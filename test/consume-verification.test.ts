/**
 * Mutation.consumeVerification against the shared local stack: a verified session is used up exactly once, however
 * many calls race; nothing else is consumed or changed; only IAM callers reach it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  ConsumeVerificationDocument,
  GenerateOtpDocument,
  VerificationDocument,
  VerifyOtpDocument,
} from '../infra/documents/generated/graphql.ts';
import { graphql } from './support/graphql-client.ts';
import { codeIn, uniqueEmail, waitForEmail } from './support/inbox.ts';
import { SessionTable } from './support/table.ts';
import { sharedEndpoints } from './support/shared-stack.ts';

const endpoints = await sharedEndpoints();
const iam = { iam: endpoints.iam, region: endpoints.region };
const table = new SessionTable(endpoints);
afterAll(() => table.close());

const CONCURRENT_CALLS = 20;
const UNKNOWN_SESSION = '0b8f0f7e-0000-4000-8000-00000000c0de';

/** A new session for a fresh address, and its emailed code. */
async function started(label: string): Promise<{ sessionId: string; email: string; code: string }> {
  const email = uniqueEmail(label);
  const generated = await graphql(endpoints, GenerateOtpDocument, { email });
  const sessionId = generated.body.data!.generateOtp!.sessionId;
  const code = codeIn(await waitForEmail(endpoints, email));
  // The email function records emailedAt just after SES accepted the email; wait for it so snapshots stay still.
  await expect.poll(async () => (await table.session(sessionId))?.emailedAt, { timeout: 10_000 }).toBeTruthy();
  return { sessionId, email, code };
}

async function verifiedSession(label: string): Promise<{ sessionId: string; email: string }> {
  const { sessionId, email, code } = await started(label);
  const verified = await graphql(endpoints, VerifyOtpDocument, { sessionId, code });
  expect(verified.body.data?.verifyOtp?.status).toBe('VERIFIED');
  return { sessionId, email };
}

const consume = (sessionId: string) => graphql(endpoints, ConsumeVerificationDocument, { sessionId }, iam);

describe('Mutation.consumeVerification', () => {
  it(`consumes a verified session exactly once under ${CONCURRENT_CALLS} concurrent calls`, async () => {
    const { sessionId, email } = await verifiedSession('consume-race');
    const answers = await Promise.all(Array.from({ length: CONCURRENT_CALLS }, () => consume(sessionId)));
    const won = answers.filter((answer) => answer.body.data?.consumeVerification);
    expect(won).toHaveLength(1);
    expect(won[0]!.body.data!.consumeVerification).toMatchObject({ sessionId, email, state: 'CONSUMED' });
    const refusals = answers.filter((answer) => !answer.body.data?.consumeVerification);
    expect(refusals.map((answer) => answer.body.errors?.[0]?.errorType)).toEqual(Array(CONCURRENT_CALLS - 1).fill('AlreadyConsumed'));

    const stored = await table.session(sessionId);
    expect(stored).toMatchObject({ status: 'CONSUMED', consumedAt: won[0]!.body.data!.consumeVerification!.consumedAt });
    const lookup = await graphql(endpoints, VerificationDocument, { sessionId }, iam);
    expect(lookup.body.data?.verification).toMatchObject({ state: 'CONSUMED', consumedAt: stored!.consumedAt });
    expect(Date.now() - Date.parse(stored!.consumedAt!)).toBeLessThan(60_000);

    // A later call, and a later verifyOtp, change nothing.
    expect((await consume(sessionId)).body.errors?.[0]?.errorType).toBe('AlreadyConsumed');
    const again = await graphql(endpoints, VerifyOtpDocument, { sessionId, code: '000000' });
    expect(again.body.data?.verifyOtp).toMatchObject({ verified: false, status: 'ALREADY_USED' });
    expect(await table.session(sessionId)).toEqual(stored);
  });

  it('refuses a pending session and leaves it as it was', async () => {
    const { sessionId, code } = await started('consume-pending');
    const before = await table.session(sessionId);
    const answer = await consume(sessionId);
    expect(answer.body.data?.consumeVerification ?? null).toBeNull();
    expect(answer.body.errors?.[0]?.errorType).toBe('NotVerified');
    expect(await table.session(sessionId)).toEqual(before);
    // Still verifiable: the refused consume took nothing from it.
    expect((await graphql(endpoints, VerifyOtpDocument, { sessionId, code })).body.data?.verifyOtp?.status).toBe('VERIFIED');
  });

  it('refuses a locked session and leaves it as it was', async () => {
    const { sessionId, code } = await started('consume-locked');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let attempt = 0; attempt < 5; attempt += 1) await graphql(endpoints, VerifyOtpDocument, { sessionId, code: wrong });
    const before = await table.session(sessionId);
    expect((await graphql(endpoints, VerificationDocument, { sessionId }, iam)).body.data?.verification?.state).toBe('LOCKED');
    expect((await consume(sessionId)).body.errors?.[0]?.errorType).toBe('NotVerified');
    expect(await table.session(sessionId)).toEqual(before);
  });

  it('refuses a verified session past its retention with VerificationExpired', async () => {
    const { sessionId } = await verifiedSession('consume-expired');
    await table.expire(sessionId);
    const before = await table.session(sessionId);
    expect((await consume(sessionId)).body.errors?.[0]?.errorType).toBe('VerificationExpired');
    expect(await table.session(sessionId)).toEqual(before);
  });

  it('refuses an unknown session and creates no item', async () => {
    const answer = await consume(UNKNOWN_SESSION);
    expect(answer.body.errors?.[0]?.errorType).toBe('NotVerified');
    expect(await table.session(UNKNOWN_SESSION)).toBeUndefined();
  });

  it('refuses a malformed session id with BadRequest', async () => {
    expect((await consume('not-a-session')).body.errors?.[0]?.errorType).toBe('BadRequest');
  });

  it('is not callable with the API key, and consumes nothing then', async () => {
    const { sessionId } = await verifiedSession('consume-api-key');
    const answer = await graphql(endpoints, ConsumeVerificationDocument, { sessionId });
    expect(answer.status).toBe(200);
    expect(answer.body.data?.consumeVerification ?? null).toBeNull();
    expect(answer.body.errors?.[0]).toMatchObject({
      errorType: 'Unauthorized',
      message: 'Not Authorized to access consumeVerification on type Mutation',
    });
    expect((await table.session(sessionId))?.status).toBe('VERIFIED');
  });

  it('is not callable unsigned or with a forged signature', async () => {
    const unsigned = await graphql(endpoints, ConsumeVerificationDocument, { sessionId: UNKNOWN_SESSION }, 'none');
    expect(unsigned.status).toBe(401);
    const forged = { iam: { ...endpoints.iam, secretAccessKey: 'not-the-secret' }, region: endpoints.region };
    const answer = await graphql(endpoints, ConsumeVerificationDocument, { sessionId: UNKNOWN_SESSION }, forged);
    expect(answer.status).toBe(401);
  });
});
