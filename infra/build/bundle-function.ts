import { join } from 'node:path';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { buildSync } from 'esbuild';

/** What the bundle's handler is called, for the function's `handler` property. */
export const BUNDLED_HANDLER = 'index.handler';

/**
 * A stream function's code: `entry` bundled with esbuild's API inside the synth — what `NodejsFunction` does by
 * spawning `npx esbuild` for each function, which cost ~0.7 s apiece on every synth, most of a first `npm start`'s
 * bundling time. Same output: one ES module (`index.mjs`) with its source map, minified, syntax for Node 20 (the
 * local stack runs the bundle on the machine's Node; Lambda's Node 22 reads it too), the AWS SDK left to the runtime.
 */
export function bundledFunctionCode(entry: string): lambda.Code {
  return lambda.Code.fromAsset(join(entry, '..'), {
    // The bundle's own hash: it changes exactly when what gets deployed changes.
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // CDK requires an image for its Docker fallback; local bundling below never declines, so it is never pulled.
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22'),
      local: {
        tryBundle(outputDir: string): boolean {
          bundleFunction(entry, outputDir);
          return true;
        },
      },
    },
  });
}

/** Bundles `entry` into `outputDir/index.mjs` (+ its source map): the code the CDK deploys and the local stack runs. */
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
