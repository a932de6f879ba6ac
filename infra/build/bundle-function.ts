import { join } from 'node:path';
import { buildSync } from 'esbuild';

/**
 * Bundles a stream function's `entry` into `outputDir/index.mjs` (+ its source map): one ES module, minified, syntax
 * for Node 20 (the local stack runs the bundle on the machine's Node; Lambda's Node 22 reads it too), the AWS SDK left
 * to the runtime. This is the code the construct deploys and the local stack runs.
 */
export function bundleFunction(entry: string, outputDir: string): void {
  buildSync({
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
  });
}
