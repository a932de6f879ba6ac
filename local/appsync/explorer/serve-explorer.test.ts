/**
 * When the bundle is made: never at engine start, first at a page or asset request, once per process; a failed
 * bundle is reported in the page and tried again at the next request. The bundle cache is replaced by a counter.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startExplorerTestServer } from '../../fixtures/explorer/explorer-api.ts';
import type { AppSyncServer } from '../server.ts';
import type { LoadedExplorerBundle } from './bundle-cache.ts';

const load = vi.hoisted(() => vi.fn<() => Promise<LoadedExplorerBundle>>());
vi.mock('./bundle-cache.ts', async (importOriginal) => ({ ...(await importOriginal<typeof import('./bundle-cache.ts')>()), loadExplorerBundle: load }));

const bundle: LoadedExplorerBundle = { js: Buffer.from('/* js */'), css: Buffer.from('/* css */'), key: 'k', from: 'disk', ms: 1 };
let server: AppSyncServer;

beforeAll(async () => {
  server = await startExplorerTestServer();
}, 60_000);

afterAll(() => server?.stop());

describe('explorer bundle timing', () => {
  it('is not made at start nor by API requests', async () => {
    const answer = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'da2-explorertest0000000000000' },
      body: JSON.stringify({ query: '{ hello }' }),
    });
    expect(answer.status).toBe(200);
    expect(load).not.toHaveBeenCalled();
  });

  it('reports a failed bundle in the page, then tries again', async () => {
    load.mockRejectedValueOnce(new Error('Could not resolve "graphiql"\nmore detail'));
    const failed = await fetch(`${server.origin}/explorer/explorer.js`);
    expect(failed.status).toBe(200);
    expect(failed.headers.get('cache-control')).toBe('no-store');
    expect(await failed.text()).toContain('The explorer could not be bundled (Could not resolve \\"graphiql\\")');
    load.mockResolvedValue(bundle);
    expect(await (await fetch(`${server.origin}/explorer/explorer.js`)).text()).toBe('/* js */');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('is made once per process: the page starts it, later requests share it', async () => {
    const before = load.mock.calls.length;
    expect((await fetch(`${server.origin}/`)).status).toBe(200);
    expect(await (await fetch(`${server.origin}/explorer/explorer.css`)).text()).toBe('/* css */');
    expect(load.mock.calls.length).toBe(before);
  });
});
