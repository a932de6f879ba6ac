/**
 * The adopter example (examples/adopter-app): an app of its own with OtpService beside it, run offline by
 * appsync-local exactly as its `npm start` runs it. A member signs up with an email code, and the sign-up refuses
 * sessions that did not verify an email, a session used twice, and a second member for one email.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adjustableClock, startLocalStack, type LocalStack } from 'appsync-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import adopterConfig from '../examples/adopter-app/appsync-local.config.ts';
import { appEndpoints, call, requestCode, signUp, verifyCode, type AppEndpoints } from '../examples/adopter-app/scripts/sign-up-flow.ts';
import { POLICY_DEFAULTS } from '../infra/model/index.ts';
import { emailsTo, extractCode, listEmails } from './support/inbox.ts';
import { testDynamoDbLocal } from '../local/test-support/dynamodb-local.ts';

const APP_DIR = join(import.meta.dirname, '..', 'examples', 'adopter-app');
let stack: LocalStack;
const clock = adjustableClock();
let endpoints: AppEndpoints;
const stateDir = mkdtempSync(join(tmpdir(), 'adopter-app-'));

beforeAll(async () => {
  stack = await startLocalStack({ ...adopterConfig, appDir: APP_DIR, stateDir, watch: false, clock, dynamodbLocal: testDynamoDbLocal });
  endpoints = appEndpoints(stack.endpoints);
}, 240_000);
afterAll(async () => {
  await stack?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

/** The code of the `nth` email to `email` (1-based), once it arrived. */
async function codeSentTo(email: string, nth = 1): Promise<string> {
  const sesUrl = String(stack.endpoints.sesUrl);
  let code: string | undefined;
  await expect
    .poll(async () => {
      const received = emailsTo(await listEmails({ sesUrl }), email)[nth - 1];
      code = received?.body.text && extractCode(received.body.text);
      return code;
    })
    .toBeDefined();
  return code ?? '';
}

/** A new code for `email` once the resend cooldown has passed on the stack's clock. */
async function requestCodeAfterCooldown(email: string): Promise<string> {
  clock.advance((POLICY_DEFAULTS.resendCooldownSeconds + 1) * 1000);
  return requestCode(endpoints, email);
}

describe('the adopter app, offline', () => {
  it('serves both APIs of the stack, each with its key', () => {
    expect(Object.keys(stack.endpoints.apis).sort()).toEqual(['members-api', 'members-otp-api']);
  });

  it('signs a member up with an email code, through its own Lambda and DynamoDB resolvers', async () => {
    const email = 'ada@example.org';
    const sessionId = await requestCode(endpoints, email);
    expect(await verifyCode(endpoints, sessionId, await codeSentTo(email))).toBe(true);
    const member = await signUp(endpoints, sessionId, 'Ada');
    expect(member).toMatchObject({ email, name: 'Ada' });
    const read = await call<{ member: { name: string } | null }>(endpoints.members, 'query ($e: AWSEmail!) { member(email: $e) { name } }', { e: email });
    expect(read.member).toEqual({ name: 'Ada' });

    // The same verified session again, even under another name: the OtpService API has consumed it.
    await expect(signUp(endpoints, sessionId, 'Mallory')).rejects.toThrow(/already been used/);
    // A second session for the same email verifies, but the app keeps one member per email.
    const second = await requestCodeAfterCooldown(email);
    expect(await verifyCode(endpoints, second, await codeSentTo(email, 2))).toBe(true);
    await expect(signUp(endpoints, second, 'Ada again')).rejects.toThrow(/ada@example\.org is already a member/);
  });

  it('refuses a session that verified nothing: pending, wrong code, or made up', async () => {
    const email = 'grace@example.org';
    const pending = await requestCode(endpoints, email);
    await expect(signUp(endpoints, pending, 'Grace')).rejects.toThrow(/has not verified an email/);
    const code = await codeSentTo(email);
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await verifyCode(endpoints, pending, wrong)).toBe(false);
    await expect(signUp(endpoints, pending, 'Grace')).rejects.toThrow(/has not verified an email/);
    await expect(signUp(endpoints, '7d0f0c2e-0000-4000-8000-000000000000', 'Grace')).rejects.toThrow(/has not verified an email/);
    const read = await call<{ member: unknown }>(endpoints.members, 'query ($e: AWSEmail!) { member(email: $e) { name } }', { e: email });
    expect(read.member).toBeNull();
  });
});
