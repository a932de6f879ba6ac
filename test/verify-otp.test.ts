import { afterAll, describe, expect, it } from 'vitest';
import { GenerateOtpDocument, VerifyOtpDocument } from '../infra/documents/generated/graphql.ts';
import { graphql } from './support/graphql-client.ts';
import { codeIn, uniqueEmail, waitForEmail } from './support/inbox.ts';
import { SessionTable } from './support/table.ts';
import { sharedEndpoints } from './support/shared-stack.ts';

const endpoints = await sharedEndpoints();
const table = new SessionTable(endpoints);
afterAll(() => table.close());

const wrongCodeFor = (code: string) => String((Number(code) + 1) % 10 ** code.length).padStart(code.length, '0');

/** generateOtp, then the code from the local inbox. */
async function newSession(label: string): Promise<{ sessionId: string; code: string }> {
  const email = uniqueEmail(label);
  const answer = await graphql(endpoints, GenerateOtpDocument, { email });
  const sessionId = answer.body.data?.generateOtp?.sessionId;
  if (!sessionId) throw new Error(`generateOtp failed: ${JSON.stringify(answer.body)}`);
  return { sessionId, code: codeIn(await waitForEmail(endpoints, email)) };
}

const verify = (sessionId: string, code: string) => graphql(endpoints, VerifyOtpDocument, { sessionId, code });

describe('verifyOtp', () => {
  it('counts wrong codes and locks the session after the fifth, even for the right code', async () => {
    const { sessionId, code } = await newSession('lock');
    const wrong = wrongCodeFor(code);
    const answers = [];
    for (let attempt = 0; attempt < 5; attempt += 1) answers.push((await verify(sessionId, wrong)).body.data?.verifyOtp);
    expect(answers.map((a) => a?.attemptsRemaining)).toEqual([4, 3, 2, 1, 0]);
    expect(answers.map((a) => a?.status)).toEqual(['INVALID_CODE', 'INVALID_CODE', 'INVALID_CODE', 'INVALID_CODE', 'LOCKED']);
    expect((await verify(sessionId, code)).body.data?.verifyOtp).toEqual({ verified: false, status: 'LOCKED', attemptsRemaining: 0, token: null });
    expect(await table.session(sessionId)).toMatchObject({ attempts: 5, status: 'PENDING' });
  });

  it('refuses a code after expiresAt even while the item still exists (TTL deletion is not relied on)', async () => {
    const { sessionId, code } = await newSession('expired');
    await table.expire(sessionId);
    expect((await verify(sessionId, code)).body.data?.verifyOtp).toMatchObject({ verified: false, status: 'EXPIRED' });
  });

  it('answers EXPIRED for a session that does not exist', async () => {
    const answer = await verify('7d3f1a52-1c1e-4c8e-9a51-5b6f0c6d7e8f', '123456');
    expect(answer.body.data?.verifyOtp).toMatchObject({ verified: false, status: 'EXPIRED' });
  });

  it('accepts a pasted code with spaces and dashes', async () => {
    const { sessionId, code } = await newSession('pasted');
    const pasted = `${code.slice(0, 3)} - ${code.slice(3)}`;
    expect((await verify(sessionId, pasted)).body.data?.verifyOtp).toMatchObject({ verified: true, status: 'VERIFIED' });
  });

  it.each([
    ['letters', 'abcdef'],
    ['too short', '123'],
    ['too long', '12345678901'],
    ['an expression injection', "1' OR 1=1"],
  ])('rejects a code with %s as BadRequest and changes nothing', async (_label, badCode) => {
    const { sessionId } = await newSession('badcode');
    const answer = await verify(sessionId, badCode);
    expect(answer.body.data).toBeNull();
    expect(answer.body.errors?.[0]).toMatchObject({ errorType: 'BadRequest', path: ['verifyOtp'] });
    expect(await table.session(sessionId)).toMatchObject({ attempts: 0, status: 'PENDING' });
  });

  it('rejects a malformed session id as BadRequest', async () => {
    const answer = await verify('SESSION#x', '123456');
    expect(answer.body.errors?.[0]?.errorType).toBe('BadRequest');
  });

  it('records exactly five attempts under twenty concurrent wrong guesses and never verifies', async () => {
    const { sessionId, code } = await newSession('concurrent-wrong');
    const guesses = Array.from({ length: 20 }, (_, i) => String((Number(code) + 1 + i) % 1e6).padStart(6, '0'));
    const answers = await Promise.all(guesses.map((guess) => verify(sessionId, guess)));
    expect(answers.every((a) => a.body.data?.verifyOtp?.verified === false)).toBe(true);
    expect((await table.session(sessionId))?.attempts).toBe(5);
    expect((await verify(sessionId, code)).body.data?.verifyOtp?.status).toBe('LOCKED');
  });

  it('verifies at most once under ten concurrent right guesses, and never answers VERIFIED twice', async () => {
    const { sessionId, code } = await newSession('concurrent-right');
    const answers = await Promise.all(Array.from({ length: 10 }, () => verify(sessionId, code)));
    const verified = answers.filter((a) => a.body.data?.verifyOtp?.verified === true);
    expect(verified.length).toBeLessThanOrEqual(1);
    // Every attempt is counted before it is compared: attempts past the fifth are refused without a comparison, and
    // a right code that lost a race with another write is an error (retryable), never a second VERIFIED.
    for (const answer of answers.filter((a) => a.body.data?.verifyOtp?.verified !== true)) {
      const status = answer.body.data?.verifyOtp?.status;
      if (status !== undefined) expect(['ALREADY_USED', 'LOCKED']).toContain(status);
      else expect(answer.body.errors?.[0]?.errorType).toBeTruthy();
    }
    const stored = await table.session(sessionId);
    expect(stored?.status === 'VERIFIED').toBe(verified.length === 1);
    expect(stored?.attempts).toBeLessThanOrEqual(5);
  });
});

describe('generateOtp', () => {
  it('rejects an invalid email address with a validation error and sends nothing', async () => {
    const answer = await graphql(endpoints, GenerateOtpDocument, { email: 'not-an-email' });
    expect(answer.status).toBe(200);
    expect(answer.body.data ?? null).toBeNull();
    expect(answer.body.errors?.[0]?.message).toMatch(/email/i);
  });
});
