/**
 * Bundles the explorer's browser code (GraphiQL, React, the SigV4 signer, our fetcher) into one JS and one CSS file
 * with esbuild, in memory. esbuild is imported on demand: an engine that nobody opens the explorer of never loads it.
 */
import { join } from 'node:path';

/** The page's script and stylesheet. */
export interface ExplorerAssets {
  js: Buffer;
  css: Buffer;
}

/** The browser entry. Browser code may import only from `browser/` and `explorer-config.ts` (the cache key hashes those). */
const BROWSER_ENTRY = join(import.meta.dirname, 'browser', 'main.ts');

/** Runs esbuild; throws with esbuild's messages when the bundle cannot be built (a package missing, a syntax error). */
export async function bundleExplorer(): Promise<ExplorerAssets> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [BROWSER_ENTRY],
    bundle: true,
    write: false,
    // Virtual: nothing is written (write: false); the names tell the JS output from the CSS one.
    outdir: '/explorer',
    entryNames: 'explorer',
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    // React and friends pick their production builds from this.
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((file) => file.path.endsWith('.js'));
  const css = result.outputFiles.find((file) => file.path.endsWith('.css'));
  if (!js || !css) throw new Error('esbuild produced no explorer.js or explorer.css');
  return { js: Buffer.from(js.contents), css: Buffer.from(css.contents) };
}
