/**
 * Measures the explorer bundle: a cold load (esbuild) and a warm one (disk cache), in a throw-away cache directory so
 * the real cache is left alone. `npx tsx local/appsync/explorer/bundle-timing.ts [runs]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { explorerCacheKey, loadExplorerBundle } from './bundle-cache.ts';
import { bundleExplorer } from './bundle-explorer.ts';

const runs = Number(process.argv[2] ?? 3);
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;

for (let run = 1; run <= runs; run += 1) {
  const root = mkdtempSync(join(tmpdir(), 'explorer-timing-'));
  try {
    const keyStarted = performance.now();
    await explorerCacheKey();
    const keyMs = performance.now() - keyStarted;
    const cold = await loadExplorerBundle({ root, build: bundleExplorer });
    const warm = await loadExplorerBundle({ root, build: bundleExplorer });
    if (warm.from !== 'disk') throw new Error('the warm load rebuilt');
    console.log(
      `run ${run}: cold ${cold.ms.toFixed(0)} ms, warm ${warm.ms.toFixed(1)} ms (key ${keyMs.toFixed(1)} ms); ` +
        `js ${kb(cold.js.length)} (gzip ${kb(gzipSync(cold.js).length)}), css ${kb(cold.css.length)} (gzip ${kb(gzipSync(cold.css).length)})`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
