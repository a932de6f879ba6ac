import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, inject, it } from 'vitest';
import { launchBrowser, saveScreenshot } from './support/browser.ts';
import { codeIn, uniqueEmail, waitForEmail } from './support/inbox.ts';

const endpoints = inject('endpoints');
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  page = await browser.newPage();
  await page.goto(endpoints.webUrl!);
});
afterEach(async () => {
  await page.close();
});

async function requestCode(email: string): Promise<string> {
  await page.getByTestId('email-input').fill(email);
  await page.getByTestId('email-submit').click();
  await expect.poll(() => page.getByTestId('code-sent-message').textContent()).toContain(email);
  return codeIn(await waitForEmail(endpoints, email));
}

describe('the web app in Chromium against the local stack', () => {
  it('verifies an email with the code read from the local SES inbox', async () => {
    const email = uniqueEmail('browser');
    const code = await requestCode(email);
    await page.getByTestId('code-input').fill(code);
    await page.getByTestId('code-submit').click();
    await expect.poll(() => page.getByTestId('result').getAttribute('data-status')).toBe('VERIFIED');
    await saveScreenshot(page, 'verified');
  });

  it('shows the attempts left after a wrong code, then accepts the right one', async () => {
    const email = uniqueEmail('browser-wrong');
    const code = await requestCode(email);
    const wrong = String((Number(code) + 1) % 1e6).padStart(6, '0');
    await page.getByTestId('code-input').fill(wrong);
    await page.getByTestId('code-submit').click();
    await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/4 attempts remaining/);
    await page.getByTestId('code-input').fill(code);
    await page.getByTestId('code-submit').click();
    await expect.poll(() => page.getByTestId('result').getAttribute('data-status')).toBe('VERIFIED');
    await saveScreenshot(page, 'wrong-then-right');
  });
});
