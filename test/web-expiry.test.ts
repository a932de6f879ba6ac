import { adjustableClock } from 'appsync-local';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VerifyOtpDocument } from '../infra/documents/generated/graphql.ts';
import { startOtpStack, type OtpStack } from './support/otp-stack.ts';
import { launchBrowser, saveScreenshot } from './support/browser.ts';
import { graphql } from './support/graphql-client.ts';
import { codeIn, emailsTo, listEmails, uniqueEmail, waitForEmail } from './support/inbox.ts';
import { testDynamoDbLocal } from '../local/test-support/dynamodb-local.ts';

/**
 * Its own stack: codes live 60 s (the shortest lifetime the OtpService construct accepts) and the resend cooldown
 * is 2 s. Time is moved, not waited for: the stack runs on an adjustable clock (the time its resolvers see) and each
 * page on Playwright's clock, installed at the stack's time before the app loads; both then run at the machine's pace
 * and are moved together. The tests run one after the other: they share the stack's clock, and one of them moves it.
 */
const CODE_TTL_SECONDS = 60;
const clock = adjustableClock();
let stack: OtpStack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startOtpStack({
      stateDir: '.local/test-web-expiry',
      dynamodbLocal: testDynamoDbLocal,
      web: true,
      // 8-digit codes: the app must learn the length from the stack, or it would submit after 6 digits.
      context: { codeTtlSeconds: String(CODE_TTL_SECONDS), resendCooldownSeconds: '2', codeLength: '8' },
      clock,
      log: () => {},
    }),
    launchBrowser(),
  ]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A page of the app whose clock is the stack's: installed before the app loads, so all its Dates and timers use it. */
async function openApp(): Promise<Page> {
  // English explicitly: the assertions read the app's English strings, and the app follows the browser's language.
  const page = await browser.newPage({ locale: 'en-US' });
  await page.clock.install({ time: clock.now() });
  await page.goto(stack.endpoints.webUrl!);
  return page;
}

/** Moves the stack's and the page's clocks forward together; the page's due timers fire (as after a sleeping laptop). */
async function jump(page: Page, ms: number): Promise<void> {
  clock.advance(ms);
  await page.clock.fastForward(ms);
}

/** Opens the app and requests a code for `email`: the page, the session the API answered, and the emailed code. */
async function requestCode(email: string): Promise<{ page: Page; sessionId: string; code: string }> {
  const page = await openApp();
  await page.getByTestId('email-input').fill(email);
  const generated = page.waitForResponse((response) => response.request().postDataJSON()?.operationName === 'GenerateOtp');
  await page.getByTestId('email-submit').click();
  const answer = (await (await generated).json()) as { data?: { generateOtp?: { sessionId?: string } } };
  const sessionId = answer.data?.generateOtp?.sessionId;
  if (!sessionId) throw new Error(`generateOtp failed: ${JSON.stringify(answer)}`);
  return { page, sessionId, code: codeIn(await waitForEmail(stack.endpoints, email, 30_000)) };
}

function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

/** Waits for the `count`-th email to `email` and answers its code. */
async function nthCode(email: string, count: number): Promise<string> {
  let newest: string | undefined;
  await expect
    .poll(async () => {
      const emails = emailsTo(await listEmails(stack.endpoints), email);
      const last = emails.length === count ? emails[count - 1] : undefined;
      newest = last ? codeIn(last) : undefined;
      return emails.length;
    }, { timeout: 30_000 })
    .toBe(count);
  return newest ?? '';
}

describe('the web app with a short code lifetime, a resend cooldown and 8-digit codes', { timeout: 180_000 }, () => {
  it('counts down to the expiry, then says the code expired and offers a new one', async () => {
    const email = uniqueEmail('browser-expiry');
    const { page, sessionId, code } = await requestCode(email);
    try {
      const expiry = page.getByTestId('code-expiry');
      await expect.poll(() => expiry.textContent()).toMatch(/expires in 0[01]:\d\d/);
      // Half the lifetime later the countdown has followed.
      await jump(page, (CODE_TTL_SECONDS / 2) * 1000);
      await expect.poll(() => expiry.textContent()).toMatch(/expires in 00:[23]\d/);
      // Past the lifetime: the app says so, moves focus to the news and offers the way forward.
      await jump(page, (CODE_TTL_SECONDS / 2 + 1) * 1000);
      await expect.poll(() => page.getByTestId('result').getAttribute('data-status')).toBe('EXPIRED');
      expect(await page.getByTestId('result-message').textContent()).toContain('expired');
      await expect.poll(() => focusedTestId(page)).toBe('result-message');
      const resend = page.getByTestId('resend');
      expect(await resend.isEnabled()).toBe(true);
      await saveScreenshot(page, 'web-expired');
      // The service agrees: the emailed code of that session no longer verifies.
      expect((await graphql(stack.endpoints, VerifyOtpDocument, { sessionId, code })).body.data?.verifyOtp?.status).toBe('EXPIRED');

      // The new code it offers verifies.
      await resend.click();
      const newest = await nthCode(email, 2);
      await expect.poll(() => focusedTestId(page)).toBe('code-input');
      await page.keyboard.type(newest);
      await expect.poll(() => page.getByTestId('result').getAttribute('data-status')).toBe('VERIFIED');
    } finally {
      await page.close();
    }
  });

  it('enables the resend button when the cooldown ends; the new code verifies', async () => {
    const email = uniqueEmail('browser-resend-ends');
    const { page } = await requestCode(email);
    try {
      const resend = page.getByTestId('resend');
      await expect.poll(() => resend.getAttribute('data-cooldown'), { timeout: 20_000 }).toBe('false');
      expect(await resend.isEnabled()).toBe(true);
      await resend.click();
      await expect.poll(() => page.getByTestId('code-sent-message').textContent()).toContain('a new code');
      // The cooldown starts again for the new session.
      await expect.poll(() => resend.isDisabled()).toBe(true);
      await expect.poll(() => focusedTestId(page)).toBe('code-input');
      await page.keyboard.type(await nthCode(email, 2));
      await expect.poll(() => page.getByTestId('result').getAttribute('data-status')).toBe('VERIFIED');
      await saveScreenshot(page, 'web-resend-after-cooldown');
    } finally {
      await page.close();
    }
  });
});
