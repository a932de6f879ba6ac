import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot } from './support/browser.ts';
import { codeIn, uniqueEmail, waitForEmail } from './support/inbox.ts';
import { sharedEndpoints } from './support/shared-stack.ts';

const endpoints = await sharedEndpoints();
let browser: Browser;
let page: Page;

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await page?.close();
});

async function openApp(viewport = DESKTOP): Promise<void> {
  // English explicitly: the assertions read the app's English strings, and the app follows the browser's language.
  page = await browser.newPage({ viewport, locale: 'en-US' });
  await page.goto(endpoints.webUrl!);
}

/** The data-testid of the element that has the keyboard focus. */
function focusedTestId(): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

/** Submits the email form with the mouse and returns the code emailed for it. */
async function requestCode(email: string): Promise<string> {
  await page.getByTestId('email-input').fill(email);
  await page.getByTestId('email-submit').click();
  await expect.poll(() => page.getByTestId('code-sent-message').textContent()).toContain(email);
  return codeIn(await waitForEmail(endpoints, email, 15_000));
}

/** A six-digit code that is certainly not `code`. */
function wrongCodeFor(code: string): string {
  return String((Number(code) + 1) % 10 ** code.length).padStart(code.length, '0');
}

// Generous: the machine is shared and a test waits for a real email through the stream and the Lambda.
describe('the web app in Chromium against the local stack', { timeout: 90_000 }, () => {
  it('verifies on a phone with the code read from the inbox, pasted as "123 456"; it submits itself', async () => {
    await openApp(PHONE);
    const email = uniqueEmail('browser');
    const code = await requestCode(email);
    // Focus moved to the next step's field, and the expiry countdown runs (mm:ss).
    await expect.poll(focusedTestId).toBe('code-input');
    await expect.poll(() => page.getByTestId('code-expiry').textContent()).toMatch(/expires in 0[0-5]:\d\d/);
    // insertText fires one input event with the whole text, as a paste does; no click on Verify follows.
    await page.getByTestId('code-input').focus();
    await page.keyboard.insertText(`${code.slice(0, 3)} ${code.slice(3)}`);
    await expect.poll(() => page.getByTestId('result').getAttribute('data-status')).toBe('VERIFIED');
    await expect.poll(focusedTestId).toBe('result-message');
    await saveScreenshot(page, 'web-verified-phone');
  });

  it('shows the attempts left after a wrong code, then accepts the right one', async () => {
    await openApp();
    const email = uniqueEmail('browser-wrong');
    const code = await requestCode(email);
    await page.getByTestId('code-input').fill(wrongCodeFor(code));
    await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/not right\. 4 attempts remaining/);
    expect(await page.getByTestId('status').getAttribute('aria-live')).toBe('assertive');
    // The field is emptied and focused for the next try.
    await expect.poll(() => page.getByTestId('code-input').inputValue()).toBe('');
    await expect.poll(focusedTestId).toBe('code-input');
    await page.getByTestId('code-input').fill(`${code.slice(0, 3)}-${code.slice(3)}`);
    await expect.poll(() => page.getByTestId('result').getAttribute('data-status')).toBe('VERIFIED');
    await saveScreenshot(page, 'web-wrong-then-right');
  });

  it('keeps the resend button disabled, with its own countdown, during the cooldown', async () => {
    await openApp();
    await requestCode(uniqueEmail('browser-resend'));
    const resend = page.getByTestId('resend');
    await expect.poll(() => resend.isDisabled()).toBe(true);
    await expect.poll(() => resend.getAttribute('data-cooldown')).toBe('true');
    await expect.poll(() => page.getByTestId('resend-wait').textContent()).toMatch(/new code in 00:[0-3]\d/);
    await saveScreenshot(page, 'web-resend-cooldown');
  });

  it('explains the send limit with the time to wait when a code is requested again too soon', async () => {
    await openApp();
    const email = uniqueEmail('browser-rate');
    await page.getByTestId('email-input').fill(email);
    await page.getByTestId('email-submit').click();
    // Straight back without waiting for the email, so the second request surely falls within the cooldown.
    await expect.poll(() => page.getByTestId('code-sent-message').textContent()).toContain(email);
    await page.getByTestId('use-different-email').click();
    // The same address again, within the 30 s resend cooldown of the shared stack.
    await page.getByTestId('email-submit').click();
    await expect.poll(() => page.getByTestId('status').getAttribute('data-error-type')).toBe('RateLimitExceeded');
    expect(await page.getByTestId('status').textContent()).toMatch(/Please wait \d+ seconds before asking for another one/);
    await saveScreenshot(page, 'web-rate-limited');
  });

  it('can be completed with the keyboard alone (Tab, Enter and typing)', async () => {
    await openApp();
    const email = uniqueEmail('browser-keyboard');
    // The email field has the focus on load; typing goes straight into it.
    await expect.poll(focusedTestId).toBe('email-input');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await expect.poll(focusedTestId).toBe('email-submit');
    await page.keyboard.press('Enter');
    const code = codeIn(await waitForEmail(endpoints, email, 15_000));
    await expect.poll(focusedTestId).toBe('code-input');
    await page.keyboard.type(code);
    await expect.poll(() => page.getByTestId('result').getAttribute('data-status')).toBe('VERIFIED');
    await expect.poll(focusedTestId).toBe('result-message');
    await saveScreenshot(page, 'web-keyboard-only');
  });

  it('goes back to the email form, pre-filled and focused, with "use a different email"', async () => {
    await openApp();
    const email = uniqueEmail('browser-change');
    await requestCode(email);
    await page.getByTestId('use-different-email').click();
    await expect.poll(focusedTestId).toBe('email-input');
    expect(await page.getByTestId('email-input').inputValue()).toBe(email);
    await saveScreenshot(page, 'web-use-different-email');
  });
});
