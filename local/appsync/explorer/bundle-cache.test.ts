/** The bundle's disk cache: a warm load reads files without building, a new key rebuilds, concurrent stores are safe. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { explorerCacheKey, loadExplorerBundle, readCachedBundle, writeCachedBundle } from './bundle-cache.ts';
import type { ExplorerAssets } from './bundle-explorer.ts';

const roots: string[] = [];
function cacheRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'explorer-cache-test-'));
  roots.push(root);
  return root;
}
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A stand-in for esbuild that counts its builds. */
function countingBuild(text: string): { build: () => Promise<ExplorerAssets>; builds: () => number } {
  let builds = 0;
  return {
    build: async () => {
      builds += 1;
      return { js: Buffer.from(`js:${text}`), css: Buffer.from(`css:${text}`) };
    },
    builds: () => builds,
  };
}

describe('explorer bundle cache', () => {
  it('builds once, then loads from disk without building', async () => {
    const root = cacheRoot();
    const counter = countingBuild('one');
    const cold = await loadExplorerBundle({ root, build: counter.build, key: async () => 'k1' });
    expect(cold).toMatchObject({ from: 'build', key: 'k1' });
    const warm = await loadExplorerBundle({ root, build: counter.build, key: async () => 'k1' });
    expect(warm.from).toBe('disk');
    expect(warm.js.toString()).toBe('js:one');
    expect(warm.css.toString()).toBe('css:one');
    expect(counter.builds()).toBe(1);
  });

  it('rebuilds for a new key and drops the old entry', async () => {
    const root = cacheRoot();
    await loadExplorerBundle({ root, build: countingBuild('one').build, key: async () => 'k1' });
    const counter = countingBuild('two');
    const loaded = await loadExplorerBundle({ root, build: counter.build, key: async () => 'k2' });
    expect(loaded).toMatchObject({ from: 'build', key: 'k2' });
    expect(counter.builds()).toBe(1);
    expect(readdirSync(root)).toEqual(['k2']);
  });

  it('lets concurrent stores of one key finish with a whole bundle and no leftovers', async () => {
    const root = cacheRoot();
    const assets = (n: number): ExplorerAssets => ({ js: Buffer.from(`js${n}`.repeat(10_000)), css: Buffer.from(`css${n}`) });
    await Promise.all([1, 2, 3, 4].map((n) => writeCachedBundle(root, 'k', assets(n))));
    expect(readdirSync(root)).toEqual(['k']);
    const cached = await readCachedBundle(root, 'k');
    const n = Number(cached!.css.toString().slice(3));
    expect(cached!.js.equals(assets(n).js)).toBe(true);
    expect(await readCachedBundle(root, 'other')).toBeNull();
  });

  it("keys on the installed packages and this folder's browser code: stable between calls", async () => {
    const key = await explorerCacheKey();
    expect(key).toMatch(/^[0-9a-f]{24}$/);
    expect(await explorerCacheKey()).toBe(key);
  });
});
