/**
 * Send limits of generateOtp, end to end: the resend cooldown (shared stack, 30 s) and the window limit (a stack of
 * this file's own whose cooldown is 0, so six codes can be requested back to back).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OtpEndpoints } from './support/otp-stack.ts';
import { startOtpStack, type OtpStack } from './support/otp-stack.ts';
import { GenerateOtpDocument, type GenerateOtpMutation } from '../infra/documents/generated/graphql.ts';
import { graphql, type GraphQLAnswer } from './support/graphql-client.ts';
import { emailsTo, listEmails, uniqueEmail, waitForEmail } from './support/inbox.ts';
import { testDynamoDbLocal } from '../local/test-support/dynamodb-local.ts';
import { sharedEndpoints, sharedStackSettled } from './support/shared-stack.ts';

const endpoints = await sharedEndpoints();

interface RateLimitInfo {
  retryAfter: string;
  retryAfterSeconds: number;
}

function generate(endpoints: OtpEndpoints, email: string): Promise<GraphQLAnswer<GenerateOtpMutation>> {
  return graphql(endpoints, GenerateOtpDocument, { email });
}

/** Asserts a RateLimitExceeded refusal and returns its errorInfo. */
function expectRefused(answer: GraphQLAnswer<GenerateOtpMutation>): RateLimitInfo {
  expect(answer.status).toBe(200);
  expect(answer.body.data?.generateOtp ?? null).toBeNull();
  expect(answer.body.errors).toHaveLength(1);
  const [error] = answer.body.errors!;
  expect(error).toMatchObject({
    errorType: 'RateLimitExceeded',
    message: 'Too many codes requested for this address. Try again later.',
    path: ['generateOtp'],
  });
  const info = error!.errorInfo as RateLimitInfo;
  expect(Number.isNaN(Date.parse(info.retryAfter))).toBe(false);
  expect(Number.isInteger(info.retryAfterSeconds)).toBe(true);
  return info;
}

// The suites run side by side: the cooldown tests' waits for emails that must not come (3 s each) overlap each other
// and the start of the window test's own stack, instead of adding up.
describe.concurrent('send limits', () => {
  describe('resend cooldown (30 s, the default)', () => {

    it('refuses a second code within 30 s with RateLimitExceeded and retryAfter, and sends no second email', async () => {
      const email = uniqueEmail('cooldown');
      const first = await generate(endpoints, email);
      expect(first.body.errors).toBeUndefined();
      const session = first.body.data!.generateOtp!;
      const resendInSeconds = (Date.parse(session.resendAvailableAt) - Date.now()) / 1000;
      expect(resendInSeconds).toBeGreaterThan(20);
      expect(resendInSeconds).toBeLessThanOrEqual(31);
      await waitForEmail(endpoints, email, 20_000);

      const second = await generate(endpoints, email.toUpperCase()); // the same address once normalized
      const info = expectRefused(second);
      // A full cooldown from the refused request, rounded up to 10 s: it does not reveal when the first was sent.
      expect(info.retryAfterSeconds).toBeGreaterThanOrEqual(30);
      expect(info.retryAfterSeconds).toBeLessThanOrEqual(41);
      expect(Date.parse(info.retryAfter) % 10_000).toBe(0);
      expect(Date.parse(info.retryAfter)).toBeGreaterThanOrEqual(Date.parse(session.resendAvailableAt));

      // A second email would be in the inbox once the stack has settled.
      await sharedStackSettled();
      expect(emailsTo(await listEmails(endpoints), email)).toHaveLength(1);
    });

    it('lets exactly one of 20 concurrent requests for one address through', async () => {
      const email = uniqueEmail('burst');
      const answers = await Promise.all(Array.from({ length: 20 }, () => generate(endpoints, email)));
      const succeeded = answers.filter((answer) => answer.body.data?.generateOtp);
      expect(succeeded).toHaveLength(1);
      for (const answer of answers.filter((candidate) => !candidate.body.data?.generateOtp)) expectRefused(answer);
      await sharedStackSettled();
      expect(emailsTo(await listEmails(endpoints), email)).toHaveLength(1);
    });
  });

  describe('window limit (5 codes per 15 minutes) with the cooldown off', () => {
    let stack: OtpStack;

    beforeAll(async () => {
      stack = await startOtpStack({ stateDir: '.local/test-rate', web: false, dynamodbLocal: testDynamoDbLocal, context: { resendCooldownSeconds: '0' } });
    }, 600_000);

    afterAll(async () => {
      await stack?.stop();
    }, 120_000);

    it('accepts five codes for one address and refuses the sixth until the window ends', async () => {
      // Windows are aligned to the epoch: start well inside one, so all six requests count in the same window.
      const windowMillis = 900_000;
      const leftInWindow = windowMillis - (Date.now() % windowMillis);
      if (leftInWindow < 30_000) await new Promise((resolve) => setTimeout(resolve, leftInWindow + 1000));
      const email = uniqueEmail('window');

      for (let index = 0; index < 5; index += 1) {
        const answer = await generate(stack.endpoints, email);
        expect(answer.body.errors, `request ${index + 1}`).toBeUndefined();
        expect(answer.body.data?.generateOtp?.sessionId).toBeTruthy();
      }
      const sixth = await generate(stack.endpoints, email);
      const info = expectRefused(sixth);
      const windowEnd = Math.ceil(Date.now() / windowMillis) * windowMillis;
      expect(Date.parse(info.retryAfter)).toBe(windowEnd);
      expect(info.retryAfterSeconds).toBeGreaterThan(0);
      expect(info.retryAfterSeconds).toBeLessThanOrEqual(900);

      // Five emails, no sixth.
      await stack.settled();
      expect(emailsTo(await listEmails(stack.endpoints), email)).toHaveLength(5);
    }, 120_000);
  });
});
