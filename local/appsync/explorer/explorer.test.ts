/**
 * The explorer's routes over HTTP: the page (configuration, security headers, no CORS), the bundle (served, cached
 * by ETag, free of secrets), and the configuration the page gets from the API. The page in a browser:
 * explorer-browser.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPLORER_API_KEY, EXPLORER_IAM, explorerTestApi, startExplorerTestServer } from '../../fixtures/explorer/explorer-api.ts';
import type { AppSyncServer } from '../server.ts';
import { explorerConfig, type ExplorerConfig } from './explorer-config.ts';
import { explorerPage, wantsHtml } from './explorer-page.ts';

let server: AppSyncServer;

beforeAll(async () => {
  server = await startExplorerTestServer();
}, 60_000);

afterAll(() => server?.stop());

/** The configuration a page embeds. */
function embeddedConfig(html: string): ExplorerConfig {
  const match = /<script type="application\/json" id="explorer-config">(.*?)<\/script>/s.exec(html);
  if (!match) throw new Error('no configuration in the page');
  return JSON.parse(match[1]!) as ExplorerConfig;
}

const engine = { graphqlPath: '/graphql', realtimePath: '/graphql/realtime', region: 'eu-west-1', defaultKeyExpires: 2_000_000_000 };

describe('explorer page', () => {
  it("serves GraphiQL's shell at / with the API's keys, modes and signing credentials, from the engine only", async () => {
    const response = await fetch(`${server.origin}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(embeddedConfig(html)).toEqual({
      apiName: 'explorer-test',
      graphqlPath: '/graphql',
      realtimePath: '/graphql/realtime',
      region: 'eu-west-1',
      authModes: ['API_KEY', 'AWS_IAM'],
      apiKeys: [{ label: 'ExplorerKey', value: EXPLORER_API_KEY, expired: false }],
      iam: EXPLORER_IAM,
    });
    // Offline: the script and stylesheet are the engine's own, nothing from a CDN.
    expect(html).toContain('<script type="module" src="/explorer/explorer.js">');
    expect(html).toContain('<link rel="stylesheet" href="/explorer/explorer.css">');
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
  });

  it('keeps the page to its own origin: no CORS header, not cacheable, not frameable', async () => {
    const response = await fetch(`${server.origin}/`, { headers: { origin: 'http://evil.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
  });

  it('serves the page at /graphql to a browser, and still 404s other GETs there', async () => {
    const browser = await fetch(server.graphqlUrl, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(browser.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await browser.text()).toContain('<title>GraphiQL — explorer-test (local AppSync)</title>');
    const api = await fetch(server.graphqlUrl, { headers: { accept: 'application/json' } });
    expect(api.status).toBe(404);
    expect(wantsHtml(undefined)).toBe(false);
  });

  it('serves the bundle: JS and CSS, revalidated by ETag, without any key or credential in it', async () => {
    const script = await fetch(`${server.origin}/explorer/explorer.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('access-control-allow-origin')).toBeNull();
    const js = await script.text();
    expect(js.length).toBeGreaterThan(100_000);
    expect(js).toContain('graphql-ws');
    for (const secret of [EXPLORER_API_KEY, EXPLORER_IAM.accessKeyId, EXPLORER_IAM.secretAccessKey]) expect(js).not.toContain(secret);
    const etag = script.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{24}"$/);
    const revalidated = await fetch(`${server.origin}/explorer/explorer.js`, { headers: { 'if-none-match': etag! } });
    expect(revalidated.status).toBe(304);
    const style = await fetch(`${server.origin}/explorer/explorer.css`);
    expect(style.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await style.text()).toContain('.graphiql-container');
    expect((await fetch(`${server.origin}/explorer/other.js`)).status).toBe(404);
  });

  it('embeds values so they cannot break out of the page', () => {
    const config = explorerConfig({ ...explorerTestApi(), name: '</script><b>"&' }, engine);
    const html = explorerPage({ ...config, graphqlPath: '/graphql</script><b>' });
    expect(html).not.toContain('</script><b>');
    expect(html).toContain('<title>GraphiQL — &#60;/script&#62;&#60;b&#62;&#34;&#38; (local AppSync)</title>');
    expect(embeddedConfig(html).graphqlPath).toBe('/graphql</script><b>');
  });
});

describe('explorerConfig', () => {
  const api = explorerTestApi();

  it('offers IAM only when the API enables it and the engine has credentials; never more than the key pair', () => {
    const withSession = { ...EXPLORER_IAM, sessionToken: 'not-for-the-page' } as typeof EXPLORER_IAM;
    expect(explorerConfig(api, { ...engine, iamCredentials: withSession }).iam).toEqual(EXPLORER_IAM);
    expect(explorerConfig(api, engine).iam).toBeNull();
    expect(explorerConfig({ ...api, additionalAuth: [] }, { ...engine, iamCredentials: EXPLORER_IAM }).iam).toBeNull();
  });

  it("lists the API's modes default first, keys only with API_KEY, expired keys marked", () => {
    const modes = explorerConfig({ ...api, defaultAuth: 'AWS_LAMBDA', additionalAuth: ['OPENID_CONNECT', 'API_KEY', 'AWS_LAMBDA'] }, engine);
    expect(modes.authModes).toEqual(['AWS_LAMBDA', 'OPENID_CONNECT', 'API_KEY']);
    expect(explorerConfig({ ...api, defaultAuth: 'AMAZON_COGNITO_USER_POOLS', additionalAuth: [] }, engine).apiKeys).toEqual([]);
    const keys = explorerConfig(
      { ...api, apiKeys: [{ logicalId: 'Old', id: 'da2-old', expires: 100 }, { logicalId: 'Default', id: 'da2-default' }] },
      engine,
      1_000,
    ).apiKeys;
    expect(keys).toEqual([
      { label: 'Old', value: 'da2-old', expired: true },
      { label: 'Default', value: 'da2-default', expired: false },
    ]);
  });
});
