/**
 * The web app in the browser's language, in real Chromium against the shared local stack: German for a German
 * browser, the locale sent with generateOtp (and stored on the session), the language switcher and its memory.
 */
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot } from './support/browser.ts';
import { codeIn, uniqueEmail, waitForEmail } from './support/inbox.ts';
import { SessionTable } from './support/table.ts';
import { sharedEndpoints } from './support/shared-stack.ts';

const endpoints = await sharedEndpoints();
const table = new SessionTable(endpoints);
let browser: Browser;
let context: BrowserContext | undefined;
/** What vue-i18n (its logs start with "[intlify]") said in the console: a missing key or a fallback shows up here. */
let i18nWarnings: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  table.close();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});

/** Opens the app in a browser whose language is `locale` (navigator.languages and Accept-Language). */
async function openApp(locale: string): Promise<Page> {
  context = await browser.newContext({ locale });
  const page = await context.newPage();
  i18nWarnings = [];
  page.on('console', (message) => {
    if (/intlify|vue-i18n/i.test(message.text())) i18nWarnings.push(message.text());
  });
  await page.goto(endpoints.webUrl!);
  expect(await page.evaluate(() => navigator.languages[0])).toBe(locale);
  return page;
}

/** The page's language as the document declares it, its title and heading. */
async function pageLanguage(page: Page): Promise<{ lang: string; title: string; heading: string | null }> {
  return {
    lang: await page.evaluate(() => document.documentElement.lang),
    title: await page.title(),
    heading: await page.locator('h1').textContent(),
  };
}

function isGenerateOtp(request: Request): boolean {
  return request.method() === 'POST' && request.postDataJSON()?.operationName === 'GenerateOtp';
}

/**
 * Submits the email form and answers the `locale` variable the app sent with generateOtp and the session's `locale`
 * as the resolver stored it in DynamoDB Local.
 */
async function requestCode(page: Page, email: string): Promise<{ sentLocale: unknown; storedLocale: unknown }> {
  await page.getByTestId('email-input').fill(email);
  const request = page.waitForRequest(isGenerateOtp);
  const response = page.waitForResponse((answer) => isGenerateOtp(answer.request()));
  await page.getByTestId('email-submit').click();
  const sentLocale = (await request).postDataJSON()?.variables?.locale;
  const body = (await (await response).json()) as { data?: { generateOtp?: { sessionId?: string } } };
  const sessionId = body.data?.generateOtp?.sessionId;
  if (!sessionId) throw new Error(`generateOtp failed: ${JSON.stringify(body)}`);
  return { sentLocale, storedLocale: (await table.session(sessionId))?.locale };
}

/** A code of the same length that is certainly not `code`. */
function wrongCodeFor(code: string): string {
  return String((Number(code) + 1) % 10 ** code.length).padStart(code.length, '0');
}

describe('the web app in the browser\'s language', { timeout: 90_000 }, () => {
  it('speaks German to a German browser, sends locale "de" with generateOtp and verifies in German', async () => {
    const page = await openApp('de-DE');
    expect(await pageLanguage(page)).toEqual({
      lang: 'de',
      title: 'E-Mail-Adresse bestätigen',
      heading: 'E-Mail-Adresse bestätigen',
    });
    expect(await page.getByTestId('language-select').inputValue()).toBe('de');
    expect(await page.locator('label[for="email"]').textContent()).toBe('E-Mail-Adresse');
    expect((await page.getByTestId('email-submit').textContent())?.trim()).toBe('Code zusenden');

    const email = uniqueEmail('browser-de');
    expect(await requestCode(page, email)).toEqual({ sentLocale: 'de', storedLocale: 'de' });
    await expect.poll(() => page.getByTestId('code-sent-message').textContent()).toBe(`Wir haben einen Code an ${email} geschickt`);
    expect(await page.locator('label[for="code"]').textContent()).toBe('6-stelliger Code aus der E-Mail');
    await expect.poll(() => page.getByTestId('code-expiry').textContent()).toMatch(/^Der Code ist noch 0[0-5]:\d\d gültig$/);
    expect((await page.getByTestId('resend-wait').textContent())?.trim()).toMatch(
      /^Einen neuen Code können Sie in 00:[0-3]\d anfordern\.$/,
    );

    const code = codeIn(await waitForEmail(endpoints, email, 15_000));
    await page.getByTestId('code-input').fill(wrongCodeFor(code));
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('Dieser Code stimmt nicht. Noch 4 Versuche.');
    await page.getByTestId('code-input').fill(code);
    await expect.poll(() => page.getByTestId('result').getAttribute('data-status')).toBe('VERIFIED');
    expect((await page.getByTestId('result-message').textContent())?.trim()).toBe('Ihre E-Mail-Adresse ist bestätigt.');
    expect(await page.getByTestId('result').textContent()).toContain(
      `${email} ist bestätigt. Sie können diese Seite jetzt schließen.`,
    );
    await saveScreenshot(page, 'web-i18n-de-verified');
    expect(i18nWarnings).toEqual([]);
  });

  it('switches to Français, remembers it across a reload and sends "fr"; what is on the page follows', async () => {
    const page = await openApp('de-DE');
    await page.getByTestId('language-select').selectOption({ label: 'Français' });
    await expect.poll(() => pageLanguage(page)).toEqual({
      lang: 'fr',
      title: 'Vérifiez votre adresse e-mail',
      heading: 'Vérifiez votre adresse e-mail',
    });
    expect(await page.locator('label[for="email"]').textContent()).toBe('Adresse e-mail');

    // The browser still asks for German; only the remembered choice makes the page French after a reload.
    await page.reload();
    await expect.poll(() => pageLanguage(page)).toEqual({
      lang: 'fr',
      title: 'Vérifiez votre adresse e-mail',
      heading: 'Vérifiez votre adresse e-mail',
    });
    expect(await page.getByTestId('language-select').inputValue()).toBe('fr');

    // The email is asked for in the language the page shows, not the browser's.
    const email = uniqueEmail('browser-fr');
    expect(await requestCode(page, email)).toEqual({ sentLocale: 'fr', storedLocale: 'fr' });
    await expect.poll(() => page.getByTestId('code-sent-message').textContent()).toBe(`Nous avons envoyé un code à ${email}`);
    const code = codeIn(await waitForEmail(endpoints, email, 15_000));
    await page.getByTestId('code-input').fill(wrongCodeFor(code));
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('Ce code est incorrect. Il vous reste 4 essais.');
    await saveScreenshot(page, 'web-i18n-fr-wrong-code');

    // A message already shown is rewritten in the new language, not left in the old one.
    await page.getByTestId('language-select').selectOption({ label: 'English' });
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('That code is not right. 4 attempts remaining.');
    expect(await page.getByTestId('code-sent-message').textContent()).toBe(`We sent a code to ${email}`);
    expect(await pageLanguage(page)).toMatchObject({ lang: 'en', heading: 'Verify your email' });
    expect(i18nWarnings).toEqual([]);
  });

  it.each([
    ['es-MX', 'es', 'Verifica tu correo electrónico'],
    ['fr-CA', 'fr', 'Vérifiez votre adresse e-mail'],
    ['pt-BR', 'en', 'Verify your email'],
    ['ja-JP', 'en', 'Verify your email'],
  ])('starts a %s browser in %s', async (browserLocale, appLocale, heading) => {
    const page = await openApp(browserLocale);
    expect(await pageLanguage(page)).toEqual({ lang: appLocale, title: heading, heading });
    expect(await page.getByTestId('language-select').inputValue()).toBe(appLocale);
  });
});
