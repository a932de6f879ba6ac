import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

/**
 * Bundles a stream function's `entry` into `outputDir/index.mjs` (+ its source map): one ES module, minified, syntax
 * for Node 20 (the local stack runs the bundle on the machine's Node; Lambda's Node 22 reads it too), the AWS SDK left
 * to the runtime. This is the code the construct deploys and the local stack runs.
 * @returns the absolute paths of every file bundled (the asset store's stamp hashes them).
 */
export function bundleFunction(entry: string, outputDir: string): string[] {
  const result = buildSync({
    entryPoints: [entry],
    outfile: join(outputDir, 'index.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    sourcemap: true,
    external: ['@aws-sdk/*'],
    // Some CommonJS dependencies call require(); an ES module has none unless we create it.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'warning',
    metafile: true,
  });
  // Metafile paths are relative to esbuild's working directory (the process's, as buildSync was not given another).
  return Object.keys(result.metafile.inputs).map((input) => resolve(input));
}
