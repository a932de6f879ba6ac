/**
 * Builds the construct package into `dist/`: the prebuilt code the construct deploys (`dist/assets/`: resolver bundles
 * with their manifest, function bundles, the schema) and the construct's own entry (`dist/index.js`, aws-cdk-lib and
 * constructs left to the app) with its type declarations. `npx tsx infra/build/build-package.ts` (npm run build -w
 * infra); `--assets` builds only the code the construct deploys, which is what a synth of infra/bin/app.ts needs.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { bundleAll } from '../../resolvers/build.ts';
import { ASSETS_DIR, FUNCTION_NAMES, type ResolverManifest } from '../lib/package-assets.ts';
import { bundleFunction } from './bundle-function.ts';

const require = createRequire(import.meta.url);
const PACKAGE_DIR = resolve(import.meta.dirname, '..');
const REPO_DIR = resolve(PACKAGE_DIR, '..');

/**
 * Bundles resolvers and functions and copies the schema into `outDir` (default: the package's dist/assets). Written
 * to a fresh folder and renamed into place, so concurrent builds (two test projects) never see a half-written one.
 */
export function buildAssets(outDir: string = ASSETS_DIR): void {
  const staging = `${outDir.replace(/\/$/, '')}.${process.pid}.${Date.now()}`;
  const retired = `${staging}.old`;
  writeAssets(staging);
  // The old folder is renamed away and deleted after the new one is in place: a synth reading the assets meanwhile
  // (another test's stack) finds no folder only between the two renames, not for the whole recursive delete.
  try {
    renameSync(outDir, retired);
  } catch {
    // None yet, or another build retired it first.
  }
  try {
    renameSync(staging, outDir);
  } catch (error) {
    // Another build renamed its (identical) folder into place first.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(outDir)) throw error;
  } finally {
    rmSync(retired, { recursive: true, force: true });
  }
}

function writeAssets(outDir: string): void {
  const resolversDir = join(outDir, 'resolvers');
  const bundled = bundleAll(resolversDir);
  const manifest: ResolverManifest = {
    resolvers: bundled.map((resolver) => ({
      typeName: resolver.typeName,
      fieldName: resolver.fieldName,
      kind: resolver.kind,
      ...(resolver.dataSource === undefined ? {} : { dataSource: resolver.dataSource }),
      file: relative(resolversDir, resolver.outfile),
      functions: resolver.functions.map((fn) => ({ name: fn.name, dataSource: fn.dataSource, file: relative(resolversDir, fn.outfile) })),
    })),
  };
  writeFileSync(join(resolversDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const name of FUNCTION_NAMES) bundleFunction(join(REPO_DIR, 'functions', name, 'index.ts'), join(outDir, 'functions', name));
  copyFileSync(join(REPO_DIR, 'schema.graphql'), join(outDir, 'schema.graphql'));
}

/**
 * The package's entries as ES modules: the construct (dist/index.js, aws-cdk-lib and constructs left to the app) and
 * the client documents (dist/documents.js).
 */
export async function buildEntry(): Promise<void> {
  mkdirSync(join(PACKAGE_DIR, 'dist'), { recursive: true });
  for (const entry of ['index', 'documents']) await bundleEntry(entry);
}

async function bundleEntry(name: string): Promise<void> {
  // Written beside and renamed into place: a concurrent build (two test projects) never leaves a half-written entry.
  const staging = join(PACKAGE_DIR, 'dist', `${name}.${process.pid}.${Date.now()}.js`);
  await build({
    entryPoints: [join(PACKAGE_DIR, `${name}.ts`)],
    outfile: staging,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // aws-cdk-lib and constructs are the app's (peer dependencies): one copy of each in a CDK app, or nothing works.
    packages: 'external',
    logLevel: 'warning',
  });
  renameSync(staging, join(PACKAGE_DIR, 'dist', `${name}.js`));
}

/** The whole package: assets, entry, and the type declarations (dist/types). */
export async function buildPackage(): Promise<void> {
  buildAssets();
  await buildEntry();
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(PACKAGE_DIR, 'tsconfig.build.json')], { stdio: 'inherit' });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const started = performance.now();
  if (process.argv.includes('--assets')) buildAssets();
  else await buildPackage();
  console.log(`built ${relative(process.cwd(), process.argv.includes('--assets') ? ASSETS_DIR : join(PACKAGE_DIR, 'dist'))} in ${Math.round(performance.now() - started)} ms`);
}
