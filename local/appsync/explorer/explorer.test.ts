import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helloCode, noneOnlyServerOptions, oneResolverApi } from '../code-check/test-api.ts';
import { startAppSyncServer, type AppSyncServer } from '../server.ts';
import { OPERATIONS_QUERY, explorerPage, wantsHtml } from './explorer-page.ts';

const api = oneResolverApi(helloCode('from the explorer'));
const apiKey = api.apiKeys[0]!.id;
let server: AppSyncServer;

beforeAll(async () => {
  server = await startAppSyncServer(noneOnlyServerOptions(api, { accessKeyId: 'AKIDEXPLORER', secretAccessKey: 'explorer-secret' }));
}, 60_000);

afterAll(() => server?.stop());

/** The page's request, as its script makes it: same-origin POST with the selected auth header. */
function pageRequest(query: string, variables: Record<string, unknown> = {}) {
  return fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ query, variables }),
  });
}

describe('GraphQL explorer', () => {
  it('serves the page at / with the API key prefilled, self-contained', async () => {
    const response = await fetch(`${server.origin}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain(`value="${apiKey}"`);
    expect(html).toContain('id="query"');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=["']https?:/);
  });

  it('serves the page at /graphql to a browser, and still 404s other GETs there', async () => {
    const browser = await fetch(server.graphqlUrl, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(browser.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await browser.text()).toContain('<title>GraphQL explorer');
    const api = await fetch(server.graphqlUrl, { headers: { accept: 'application/json' } });
    expect(api.status).toBe(404);
  });

  it("the page's requests work: operations listing and Run", async () => {
    const listing = (await (await pageRequest(OPERATIONS_QUERY)).json()) as {
      data: { __schema: { queryType: { fields: { name: string }[] } } };
    };
    expect(listing.data.__schema.queryType.fields.map((field) => field.name)).toEqual(['hello']);
    expect(await (await pageRequest('query { hello }')).json()).toEqual({ data: { hello: 'from the explorer' } });
  });

  it('embeds values so they cannot break out of the page', () => {
    const html = explorerPage({ graphqlPath: '/graphql</script><b>', apiKey: '"><b>' });
    expect(html).not.toContain('</script><b>');
    expect(html).not.toContain('"><b>');
    expect(wantsHtml(undefined)).toBe(false);
  });
});
