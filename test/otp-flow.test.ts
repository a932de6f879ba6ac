import { afterAll, describe, expect, it } from 'vitest';
import { GenerateOtpDocument, VerifyOtpDocument } from '../infra/documents/generated/graphql.ts';
import { codeMacOf, localKms } from './support/code-macs.ts';
import { graphql } from './support/graphql-client.ts';
import { codeIn, uniqueEmail, waitForEmail } from './support/inbox.ts';
import { SessionCensus } from './support/session-census.ts';
import { SessionTable } from './support/table.ts';
import { sharedEndpoints } from './support/shared-stack.ts';

const endpoints = await sharedEndpoints();
const table = new SessionTable(endpoints);
const kms = localKms(endpoints);
const census = new SessionCensus(endpoints);
afterAll(() => {
  table.close();
  census.close();
  kms.destroy();
});

/** A code of the same length that is certainly wrong. */
const wrongCodeFor = (code: string) => String((Number(code) + 1) % 10 ** code.length).padStart(code.length, '0');

describe('the email OTP flow, end to end through the local stack', () => {
  it('writes the email in the locale generateOtp names, and refuses a malformed locale before writing anything', async () => {
    const email = uniqueEmail('Locale.User');
    const generated = await graphql(endpoints, GenerateOtpDocument, { email, locale: 'fr-CA' });
    expect(generated.body.errors).toBeUndefined();
    const sessionId = generated.body.data!.generateOtp.sessionId;
    expect(await table.session(sessionId)).toMatchObject({ locale: 'fr-CA' });
    const mail = await waitForEmail(endpoints, email);
    const code = codeIn(mail);
    expect(mail.subject).toBe(`${code} est votre code de vérification OTP`);
    expect(mail.body.text).toContain('Ne communiquez jamais ce code.');

    const refusedEmail = uniqueEmail('Locale.Refused');
    const refused = await graphql(endpoints, GenerateOtpDocument, { email: refusedEmail, locale: 'fr_CA;q=0.9' });
    expect(refused.body.data?.generateOtp ?? null).toBeNull();
    expect(refused.body.errors?.[0]).toMatchObject({ errorType: 'BadRequest', message: expect.stringMatching(/BCP 47/) });
    // Nothing at all: no session, and no send-limit counter for the address.
    expect(await census.itemsFor(refusedEmail)).toEqual([]);
  });

  it('emails a code that verifies exactly once, and the code is stored only as its KMS MAC', async () => {
    const email = uniqueEmail('Flow.User');
    const generated = await graphql(endpoints, GenerateOtpDocument, { email: email.toUpperCase() });
    expect(generated.status).toBe(200);
    expect(generated.body.errors).toBeUndefined();
    const session = generated.body.data?.generateOtp;
    expect(session?.sessionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const lifetimeMs = Date.parse(session!.expiresAt) - Date.now();
    expect(lifetimeMs).toBeGreaterThan(4 * 60_000);
    expect(lifetimeMs).toBeLessThanOrEqual(5 * 60_000);

    // How fast the email arrives is measured by the benchmarks (npm run bench), not asserted here.
    const mail = await waitForEmail(endpoints, email);
    const code = codeIn(mail);
    expect(code).toMatch(/^\d{6}$/);
    // The subject starts with the code (English: the session has no locale), so inbox lists show it.
    expect(mail.subject).toBe(`${code} is your OTP verification code`);
    expect(mail.body.html).toContain(code);
    expect(JSON.stringify(generated.body)).not.toContain(code);

    const item = await table.session(session!.sessionId);
    expect(item).toMatchObject({ email: email.toLowerCase(), status: 'PENDING', attempts: 0 });
    // Only the code's MAC is stored, as the one key of the session's code map, with the ARN of the KMS key that made
    // it: KMS makes the same MAC for the emailed code under that key (GenerateMac by the email function).
    const codes = item?.codes ?? {};
    expect(Object.keys(codes)).toHaveLength(1);
    const [[mac, stored]] = Object.entries(codes) as [[string, { keyId: string; issuedAt: number }]];
    expect(stored.keyId).toMatch(/^arn:aws:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/);
    expect(mac).toBe(await codeMacOf(kms, stored.keyId, session!.sessionId, code));
    expect(JSON.stringify(item)).not.toContain(code);

    const wrong = await graphql(endpoints, VerifyOtpDocument, { sessionId: session!.sessionId, code: wrongCodeFor(code) });
    expect(wrong.body.data?.verifyOtp).toEqual({ verified: false, status: 'INVALID_CODE', attemptsRemaining: 4, token: null });

    const right = await graphql(endpoints, VerifyOtpDocument, { sessionId: session!.sessionId, code });
    expect(right.body.data?.verifyOtp).toMatchObject({ verified: true, status: 'VERIFIED' });
    expect(JSON.stringify(right.body)).not.toContain(code);

    const again = await graphql(endpoints, VerifyOtpDocument, { sessionId: session!.sessionId, code });
    expect(again.body.data?.verifyOtp).toMatchObject({ verified: false, status: 'ALREADY_USED' });
  });

  it('refuses a request without an API key as AppSync does', async () => {
    const answer = await graphql(endpoints, GenerateOtpDocument, { email: uniqueEmail('anonymous') }, 'none');
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.[0]).toMatchObject({
      errorType: 'UnauthorizedException',
      message: 'You are not authorized to make this call.',
    });
  });

  it('refuses an unknown API key', async () => {
    const answer = await graphql(endpoints, GenerateOtpDocument, { email: uniqueEmail('badkey') }, { apiKey: 'da2-notarealkeynotarealkey12' });
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.[0]?.errorType).toBe('UnauthorizedException');
  });
});
