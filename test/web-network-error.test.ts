/**
 * The web app when the API cannot be reached: served by the same dev server as `npm start`, but pointed at a loopback
 * port nothing listens on. The user must learn what happened and keep what they typed.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebDevServer, type WebDevServer } from '../web/dev-server.ts';
import { freePort } from 'appsync-local';
import { launchBrowser, saveScreenshot } from './support/browser.ts';
import { uniqueEmail } from './support/inbox.ts';

let web: WebDevServer;
let browser: Browser;

beforeAll(async () => {
  // A port just found free and left closed: every request is refused at once, as when the API is down.
  const deadPort = await freePort();
  [web, browser] = await Promise.all([
    startWebDevServer({ graphqlUrl: `http://127.0.0.1:${deadPort}/graphql`, apiKey: 'da2-unreachable0000000000000' }),
    launchBrowser(),
  ]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

describe('the web app with the API unreachable', () => {
  it('says the service could not be reached, keeps the address and lets the user try again', async () => {
    // English explicitly: the assertion reads the app's English message, and the app follows the browser's language.
    const page = await browser.newPage({ locale: 'en-US' });
    try {
      await page.goto(web.url);
      const email = uniqueEmail('browser-offline');
      await page.getByTestId('email-input').fill(email);
      await page.getByTestId('email-submit').click();
      await expect.poll(() => page.getByTestId('status').getAttribute('data-error-type')).toBe('NetworkError');
      expect(await page.getByTestId('status').textContent()).toContain('Could not reach the verification service');
      expect(await page.getByTestId('email-input').inputValue()).toBe(email);
      await expect.poll(() => page.getByTestId('email-submit').isEnabled()).toBe(true);
      await saveScreenshot(page, 'web-network-error');
    } finally {
      await page.close();
    }
  });
});
