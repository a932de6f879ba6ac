/**
 * The web app's phone option in real Chromium against the shared local stack (web app, engine, DynamoDB Local, the
 * SMS function and the local SNS): a code texted to the number arrives in the local SMS inbox and verifies; refused
 * numbers show the service's refusal, localized, and nothing is written or texted; a German page gets a German text.
 */
import type { Browser, BrowserContext, Page, Request, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cooldownPk } from '../infra/model/index.ts';
import { launchBrowser, saveScreenshot } from './support/browser.ts';
import { codeInText, textsTo, uniqueMobile, waitForText } from './support/sms-inbox.ts';
import { SessionTable } from './support/table.ts';
import { sharedEndpoints, sharedStackSettled } from './support/shared-stack.ts';

const endpoints = await sharedEndpoints();
const table = new SessionTable(endpoints);
let browser: Browser;
let context: BrowserContext | undefined;
/** What vue-i18n (its logs start with "[intlify]") said in the console: a missing key or a fallback shows up here. */
let i18nWarnings: string[] = [];
/** Every GraphQL answer the page received, to prove the code is never in one. */
let graphqlBodies: Promise<string>[] = [];

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

/** Opens the app in a browser whose language is `locale` and picks the phone option. */
async function openPhoneOption(locale: string): Promise<Page> {
  context = await browser.newContext({ locale });
  const page = await context.newPage();
  i18nWarnings = [];
  graphqlBodies = [];
  page.on('console', (message) => {
    if (/intlify|vue-i18n/i.test(message.text())) i18nWarnings.push(message.text());
  });
  page.on('response', (response: Response) => {
    if (response.url() === endpoints.graphqlUrl && response.request().method() === 'POST') graphqlBodies.push(response.text());
  });
  await page.goto(endpoints.webUrl!);
  // Email is the default; the phone option replaces its form and takes the focus.
  await expect.poll(() => page.getByTestId('email-input').count()).toBe(1);
  await page.getByTestId('channel-sms').check();
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('phone-input');
  expect(await page.getByTestId('email-input').count()).toBe(0);
  return page;
}

function isGenerateSmsOtp(request: Request): boolean {
  return request.method() === 'POST' && request.postDataJSON()?.operationName === 'GenerateSmsOtp';
}

/** Submits the phone form; answers the variables the app sent and the API's answer. */
async function submitNumber(page: Page, typed: string): Promise<{ variables: Record<string, unknown>; body: GenerateSmsOtpBody }> {
  await page.getByTestId('phone-input').fill(typed);
  const request = page.waitForRequest(isGenerateSmsOtp);
  const response = page.waitForResponse((answer) => isGenerateSmsOtp(answer.request()));
  await page.getByTestId('phone-submit').click();
  const variables = (await request).postDataJSON()?.variables as Record<string, unknown>;
  return { variables, body: (await (await response).json()) as GenerateSmsOtpBody };
}

interface GenerateSmsOtpBody {
  data?: { generateSmsOtp?: { sessionId: string } | null } | null;
  errors?: { errorType?: string | null; message?: string }[];
}

/** Waits for the status line to carry `errorType` and answers its text. */
async function refusal(page: Page, errorType: string): Promise<string | null> {
  await expect.poll(() => page.getByTestId('status').getAttribute('data-error-type')).toBe(errorType);
  return page.getByTestId('status').textContent();
}

/** Nothing was texted to the number and no send limit counted it: the refusal wrote and sent nothing. */
async function expectNothingSent(e164: string): Promise<void> {
  // Any text the stream and the function were going to send is in the inbox once the stack has settled.
  await sharedStackSettled();
  expect(await textsTo(endpoints, e164)).toEqual([]);
  expect(await table.item(cooldownPk(e164))).toBeUndefined();
}

describe('the web app\'s phone option', { timeout: 90_000 }, () => {
  it('texts a code to the number typed with spaces, which verifies; the code is in no API answer', async () => {
    const page = await openPhoneOption('en-US');
    expect(await page.locator('label[for="phone"]').textContent()).toBe('Mobile phone number');
    expect(await page.getByTestId('phone-hint').textContent()).toBe('In international format: + and the country code, e.g. +44 7400 123456.');
    expect(await page.getByTestId('phone-input').getAttribute('type')).toBe('tel');

    const e164 = uniqueMobile('GB');
    const typed = `+44 ${e164.slice(3, 7)} ${e164.slice(7, 10)} ${e164.slice(10)}`;
    const { variables, body } = await submitNumber(page, typed);
    // The number goes as typed: the service normalizes it (and is the one place that judges it).
    expect(variables).toEqual({ phoneNumber: typed, locale: 'en' });
    const sessionId = body.data!.generateSmsOtp!.sessionId;
    expect(await table.session(sessionId)).toMatchObject({ channel: 'SMS', phoneNumber: e164, locale: 'en' });

    await expect.poll(() => page.getByTestId('code-sent-message').textContent()).toBe(`We sent a code to ${typed}`);
    expect(await page.locator('label[for="code"]').textContent()).toBe('6-digit code from the text message');
    expect((await page.getByTestId('use-different-email').textContent())?.trim()).toBe('Use a different number');

    const sms = await waitForText(endpoints, e164);
    expect(sms.message).toMatch(/^\d{6} is your .+ code\. Don't share it\./);
    const code = codeInText(sms);
    await page.getByTestId('code-input').focus();
    await page.keyboard.insertText(code);
    await expect.poll(() => page.getByTestId('result').getAttribute('data-status')).toBe('VERIFIED');
    expect((await page.getByTestId('result-message').textContent())?.trim()).toBe('Your phone number is verified.');
    expect(await page.getByTestId('result').textContent()).toContain(`${typed} is confirmed.`);
    expect(await table.session(sessionId)).toMatchObject({ status: 'VERIFIED' });

    const answers = await Promise.all(graphqlBodies);
    expect(answers.length).toBeGreaterThanOrEqual(2);
    for (const answer of answers) expect(answer).not.toContain(code);
    expect(await textsTo(endpoints, e164)).toHaveLength(1);
    await saveScreenshot(page, 'web-phone-verified');
    expect(i18nWarnings).toEqual([]);
  });

  it('shows why a number is refused (another country, malformed, letters, too soon) and sends nothing for it', async () => {
    const page = await openPhoneOption('en-US');

    // India is not among the default allowed countries.
    const { body } = await submitNumber(page, '+91 98765 43210');
    expect(body.data?.generateSmsOtp ?? null).toBeNull();
    expect(await refusal(page, 'UnsupportedDestination')).toBe(
      'We cannot send text messages to this number. Please use a mobile number from a supported country, or verify by email.',
    );
    // Still on the phone form, with the number kept for correcting it.
    expect(await page.getByTestId('phone-input').inputValue()).toBe('+91 98765 43210');
    expect(await page.getByTestId('code-form').count()).toBe(0);
    await saveScreenshot(page, 'web-phone-unsupported');
    await expectNothingSent('+919876543210');

    // Without the calling code: the service's own sentence (BadRequest), shown as it is on an English page.
    await submitNumber(page, '0151 2345 6789');
    expect(await refusal(page, 'BadRequest')).toBe(
      'The phone number must be in international format: + and the country calling code, e.g. +14155550123.',
    );

    // Letters never reach the resolver: AWSPhone refuses the variable, and the page asks for the international form.
    await page.getByTestId('phone-input').fill('+44 7400 12a456');
    await page.getByTestId('phone-submit').click();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe(
      'Please enter the number in international format, starting with + and the country code.',
    );

    // Switching to email clears a refusal that was about the number.
    await page.getByTestId('channel-email').check();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('');
    await page.getByTestId('channel-sms').check();

    // The same number again within the resend cooldown: RateLimitExceeded with the time to wait, and one text only.
    const e164 = uniqueMobile('GB');
    expect((await submitNumber(page, e164)).body.data?.generateSmsOtp?.sessionId).toBeTruthy();
    await expect.poll(() => page.getByTestId('code-sent-message').textContent()).toBe(`We sent a code to ${e164}`);
    await page.getByTestId('use-different-email').click();
    await expect.poll(() => page.getByTestId('phone-input').inputValue()).toBe(e164);
    await page.getByTestId('phone-submit').click();
    expect(await refusal(page, 'RateLimitExceeded')).toMatch(/^Too many codes were requested\. Please wait \d+ seconds before asking for another one\.$/);
    await sharedStackSettled();
    expect(await textsTo(endpoints, e164)).toHaveLength(1);
    expect(i18nWarnings).toEqual([]);
  });

  it('speaks German on a German page: the form, the refusal, locale "de" and a German text message', async () => {
    const page = await openPhoneOption('de-DE');
    expect(await page.getByTestId('channel-picker').locator('legend').textContent()).toBe('Code senden per');
    expect(await page.locator('label[for="phone"]').textContent()).toBe('Mobilnummer');
    expect((await page.getByTestId('phone-submit').textContent())?.trim()).toBe('Code per SMS senden');

    await submitNumber(page, '+91 98765 43210');
    expect(await refusal(page, 'UnsupportedDestination')).toBe(
      'An diese Nummer können wir keine SMS senden. Bitte verwenden Sie eine Mobilnummer aus einem unterstützten Land oder bestätigen Sie per E-Mail.',
    );

    const e164 = uniqueMobile('DE');
    const { variables, body } = await submitNumber(page, e164);
    expect(variables).toEqual({ phoneNumber: e164, locale: 'de' });
    expect(await table.session(body.data!.generateSmsOtp!.sessionId)).toMatchObject({ channel: 'SMS', locale: 'de' });
    await expect.poll(() => page.getByTestId('code-sent-message').textContent()).toBe(`Wir haben einen Code an ${e164} geschickt`);
    expect(await page.locator('label[for="code"]').textContent()).toBe('6-stelliger Code aus der SMS');

    const sms = await waitForText(endpoints, e164);
    expect(sms.message).toMatch(/^\d{6} ist Ihr .+-Code\. Geben Sie ihn nicht weiter\./);
    await page.getByTestId('code-input').fill(codeInText(sms));
    await expect.poll(() => page.getByTestId('result').getAttribute('data-status')).toBe('VERIFIED');
    expect((await page.getByTestId('result-message').textContent())?.trim()).toBe('Ihre Telefonnummer ist bestätigt.');
    await saveScreenshot(page, 'web-phone-de-verified');
    expect(i18nWarnings).toEqual([]);
  });
});
