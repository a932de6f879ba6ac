import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startOtpStack, type OtpStack } from './support/otp-stack.ts';
import { launchBrowser, saveScreenshot } from './support/browser.ts';
import { codeIn, emailsTo, listEmails, uniqueEmail, waitForEmail } from './support/inbox.ts';

/**
 * Its own stack: codes live 60 s (the shortest lifetime the OtpService construct accepts) and the resend cooldown
 * is 2 s, so the expiry and the end of a cooldown are reached within a test. The two tests run concurrently: the
 * expiry test mostly waits, and one stack for both keeps the shared machine's load down. Concurrent tests must use
 * their own `expect` (from the test context) for expect.poll.
 */
const CODE_TTL_SECONDS = 60;
let stack: OtpStack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startOtpStack({
      stateDir: '.local/test-web-expiry',
      web: true,
      // 8-digit codes: the app must learn the length from the stack, or it would submit after 6 digits.
      context: { codeTtlSeconds: String(CODE_TTL_SECONDS), resendCooldownSeconds: '2', codeLength: '8' },
      log: () => {},
    }),
    launchBrowser(),
  ]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Opens the app in a new page and requests a code for `email` (waiting for its email). */
async function requestCode(email: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(stack.endpoints.webUrl!);
  await page.getByTestId('email-input').fill(email);
  await page.getByTestId('email-submit').click();
  await waitForEmail(stack.endpoints, email, 30_000);
  return page;
}

function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

describe.concurrent('the web app with a short code lifetime, a resend cooldown and 8-digit codes', { timeout: 180_000 }, () => {
  it('counts down to the expiry, then says the code expired and offers a new one', async ({ expect }) => {
    const page = await requestCode(uniqueEmail('browser-expiry'));
    try {
      await expect.poll(() => page.getByTestId('code-expiry').textContent()).toMatch(/expires in 0[01]:\d\d/);
      await expect
        .poll(() => page.getByTestId('result').getAttribute('data-status'), { timeout: (CODE_TTL_SECONDS + 30) * 1000 })
        .toBe('EXPIRED');
      expect(await page.getByTestId('result-message').textContent()).toContain('expired');
      // Focus moved to the news, and the way forward is there.
      await expect.poll(() => focusedTestId(page)).toBe('result-message');
      expect(await page.getByTestId('resend').isEnabled()).toBe(true);
      await saveScreenshot(page, 'web-expired');
    } finally {
      await page.close();
    }
  });

  it('enables the resend button when the cooldown ends; the new code verifies', async ({ expect }) => {
    const email = uniqueEmail('browser-resend-ends');
    const page = await requestCode(email);
    try {
      const resend = page.getByTestId('resend');
      await expect.poll(() => resend.getAttribute('data-cooldown'), { timeout: 20_000 }).toBe('false');
      expect(await resend.isEnabled()).toBe(true);
      await resend.click();
      await expect.poll(() => page.getByTestId('code-sent-message').textContent()).toContain('a new code');
      // The cooldown starts again for the new session.
      await expect.poll(() => resend.isDisabled()).toBe(true);
      await expect.poll(() => focusedTestId(page)).toBe('code-input');
      let newest: string | undefined;
      await expect
        .poll(async () => {
          const emails = emailsTo(await listEmails(stack.endpoints), email);
          const last = emails.length === 2 ? emails[1] : undefined;
          newest = last ? codeIn(last) : undefined;
          return emails.length;
        }, { timeout: 30_000 })
        .toBe(2);
      await page.keyboard.type(newest ?? '');
      await expect.poll(() => page.getByTestId('result').getAttribute('data-status')).toBe('VERIFIED');
      await saveScreenshot(page, 'web-resend-after-cooldown');
    } finally {
      await page.close();
    }
  });
});
