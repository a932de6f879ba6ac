/**
 * The explorer in the machine's Chromium (playwright-core, test/support/browser.ts): GraphiQL loads from the engine
 * (offline bundle), runs a query with the API key, a query signed with IAM in the page, subscriptions over the
 * real-time endpoint that receive a published event, lists the schema's types in the docs explorer and completes
 * field names. The API is a small fixture of the engine's own (local/fixtures/explorer/), not the OTP app.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot } from '../../../test/support/browser.ts';
import { EXPLORER_IAM, HELLO, explorerTestApi, publishEvent, startExplorerTestServer } from '../../fixtures/explorer/explorer-api.ts';
import type { AppSyncServer } from '../server.ts';

let server: AppSyncServer;
let browser: Browser;
/** Console errors, page errors, CSP violations and failed responses of the test's page: each test expects none. */
let problems: string[] = [];
/** Everything the page sent: URLs (WebSockets included), headers and bodies, to look for the secret key. */
let sent: string[] = [];
let page: Page | undefined;

beforeAll(async () => {
  [server, browser] = await Promise.all([startExplorerTestServer(), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async (context) => {
  if (page && context.task.result?.state === 'fail') await saveScreenshot(page, `explorer-${context.task.name.replace(/\W+/g, '-')}`);
  await page?.context().close();
  page = undefined;
});

/** A fresh page (own storage, so GraphiQL starts with no saved tabs) on the explorer, GraphiQL rendered. */
async function openExplorer(path = '/'): Promise<Page> {
  problems = [];
  sent = [];
  const context = await browser.newContext();
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
  });
  page.on('request', (request) => sent.push(request.url(), JSON.stringify(request.headers()), request.postData() ?? ''));
  page.on('websocket', (socket) => {
    sent.push(socket.url());
    socket.on('framesent', (frame) => sent.push(String(frame.payload)));
  });
  await page.goto(`${server.origin}${path}`);
  await page.locator('.graphiql-container').waitFor({ timeout: 60_000 });
  return page;
}

/** The CodeMirror 5 instance GraphiQL mounted in `selector` (CodeMirror hangs it on its wrapper element). */
type EditorHandle = { setValue(text: string): void; getValue(): string; focus(): void; setCursor(pos: { line: number; ch: number }): void };

function setQuery(target: Page, query: string): Promise<void> {
  return target.evaluate((text) => {
    const wrapper = document.querySelector('.graphiql-query-editor .CodeMirror') as unknown as { CodeMirror: EditorHandle } | null;
    if (!wrapper) throw new Error('no query editor');
    wrapper.CodeMirror.setValue(text);
  }, query);
}

function responseText(target: Page): Promise<string> {
  return target.evaluate(() => {
    const wrapper = document.querySelector('.graphiql-response .CodeMirror') as unknown as { CodeMirror: EditorHandle } | null;
    return wrapper?.CodeMirror.getValue() ?? '';
  });
}

async function run(target: Page, query: string): Promise<void> {
  await setQuery(target, query);
  await target.locator('.graphiql-execute-button').click();
}

describe('GraphiQL explorer in Chromium', () => {
  it('loads offline from the engine, with the auth selector offering the API key and IAM', async () => {
    const explorer = await openExplorer();
    await expect.poll(() => explorer.locator('#explorer-auth-mode option').allTextContents()).toEqual(['API key', 'IAM (local user, SigV4)']);
    await expect.poll(() => explorer.locator('#explorer-api-key').inputValue()).toMatch(/^da2-/);
    expect(problems).toEqual([]);
  });

  it('runs a query with the API key', async () => {
    const explorer = await openExplorer();
    await run(explorer, '{ hello }');
    await expect.poll(() => responseText(explorer)).toContain(HELLO);
    expect(problems).toEqual([]);
  });

  it('runs a query signed with IAM in the page (an IAM-only field answers the local user)', async () => {
    const explorer = await openExplorer();
    await run(explorer, '{ whoami }');
    // With the API key the IAM-only field is refused: the answer below can only come from a signed request.
    await expect.poll(() => responseText(explorer)).toContain('Not Authorized to access whoami on type Query');
    await explorer.locator('#explorer-auth-mode').selectOption('AWS_IAM');
    await run(explorer, '{ whoami }');
    await expect.poll(() => responseText(explorer)).toContain('arn:aws:iam::000000000000:user/local');
    // The secret signs in the page; it never travels: not in any request the page made.
    expect(sent.join('\n')).toContain('AWS4-HMAC-SHA256 Credential=AKIDEXPLORER/');
    expect(sent.join('\n')).not.toContain(EXPLORER_IAM.secretAccessKey);
    expect(problems).toEqual([]);
  });

  for (const mode of ['API_KEY', 'AWS_IAM'] as const) {
    it(`subscribes over the real-time endpoint (${mode}) and shows a published event`, async () => {
      const explorer = await openExplorer();
      await explorer.locator('#explorer-auth-mode').selectOption(mode);
      const channel = `channel-${mode}`;
      await run(explorer, `subscription { onPublish(channel: "${channel}") { channel message } }`);
      await expect.poll(() => explorer.locator('#explorer-status').textContent()).toContain('listening');
      expect(await publishEvent(server, channel, `event for ${mode}`)).toMatchObject({ data: { publish: { channel } } });
      await expect.poll(() => responseText(explorer)).toContain(`event for ${mode}`);
      // Stop: the button now stops the subscription, and the page says so.
      await explorer.locator('.graphiql-execute-button').click();
      await expect.poll(() => explorer.locator('#explorer-status').textContent()).toContain('stopped');
      // Handshake auth travels in the subprotocol, not the URL: no key or signature in the WebSocket's address.
      const socketUrls = sent.filter((entry) => entry.startsWith('ws://'));
      expect(socketUrls).toEqual([`${server.realtimeUrl}`]);
      expect(sent.join('\n')).not.toContain(EXPLORER_IAM.secretAccessKey);
      expect(problems).toEqual([]);
    });
  }

  it('lists the schema in the docs explorer (introspection through the engine)', async () => {
    const explorer = await openExplorer();
    await explorer.locator('button[aria-label="Show Documentation Explorer"]').click();
    const docs = explorer.locator('.graphiql-doc-explorer');
    await expect.poll(() => docs.textContent()).toContain('ExplorerEvent');
    await docs.getByText('Query', { exact: true }).first().click();
    await expect.poll(() => docs.textContent()).toContain("The caller's IAM ARN");
    expect(problems).toEqual([]);
  });

  it('completes field names from the schema', async () => {
    const explorer = await openExplorer();
    // Wait for the schema: the docs explorer shows it once introspection answered.
    await explorer.locator('button[aria-label="Show Documentation Explorer"]').click();
    await expect.poll(() => explorer.locator('.graphiql-doc-explorer').textContent()).toContain('ExplorerEvent');
    await setQuery(explorer, '{\n  \n}');
    await explorer.evaluate(() => {
      const wrapper = document.querySelector('.graphiql-query-editor .CodeMirror') as unknown as { CodeMirror: EditorHandle };
      wrapper.CodeMirror.focus();
      wrapper.CodeMirror.setCursor({ line: 1, ch: 2 });
    });
    await explorer.keyboard.type('wh');
    await expect.poll(() => explorer.locator('.CodeMirror-hints').textContent()).toContain('whoami');
    expect(problems).toEqual([]);
  });

  it('sends the token of a token mode as Authorization (an API with OIDC and Lambda enabled)', async () => {
    const tokenServer = await startExplorerTestServer({ ...explorerTestApi(), additionalAuth: ['AWS_IAM', 'OPENID_CONNECT', 'AWS_LAMBDA'] });
    try {
      problems = [];
      const context = await browser.newContext();
      page = await context.newPage();
      const authorizations: (string | undefined)[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && request.url().endsWith('/graphql')) authorizations.push(request.headers().authorization);
      });
      await page.goto(`${tokenServer.origin}/`);
      await page.locator('.graphiql-container').waitFor({ timeout: 60_000 });
      expect(await page.locator('#explorer-auth-mode option').allTextContents()).toEqual([
        'API key',
        'IAM (local user, SigV4)',
        'OpenID Connect (token)',
        'Lambda authorizer (token)',
      ]);
      expect(await page.locator('#explorer-token').isVisible()).toBe(false);
      await page.locator('#explorer-auth-mode').selectOption('OPENID_CONNECT');
      expect(await page.locator('#explorer-token').isVisible()).toBe(true);
      expect(await page.locator('#explorer-api-key').isVisible()).toBe(false);
      await page.locator('#explorer-token').fill('eyJ.token.value');
      await page.locator('#explorer-token').press('Enter');
      await page.locator('#explorer-token').blur();
      await run(page, '{ hello }');
      // The engine refuses it (no provider configured in this API); what counts here is what the page sent.
      await expect.poll(() => responseText(page!)).toContain('UnauthorizedException');
      expect(authorizations).toContain('eyJ.token.value');
      expect(page.url()).not.toContain('eyJ');
    } finally {
      await tokenServer.stop();
    }
  });

  it('serves the same page at /graphql to a browser navigation', async () => {
    const explorer = await openExplorer('/graphql');
    await run(explorer, '{ hello }');
    await expect.poll(() => responseText(explorer)).toContain(HELLO);
    expect(problems).toEqual([]);
  });
});
