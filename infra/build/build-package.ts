/**
 * Builds the construct package into `dist/`: the prebuilt code the construct deploys (`dist/assets/`: resolver bundles
 * with their manifest, function bundles, the schema) and the construct's own entry (`dist/index.js`, aws-cdk-lib and
 * constructs left to the app) with its type declarations. `npx tsx infra/build/build-package.ts` (npm run build -w
 * infra); `--assets` builds only the code the construct deploys, which is what a synth of infra/bin/app.ts needs: into
 * the asset store (asset-store.ts), and only when its stamp of the sources changed.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, buildSync } from 'esbuild';
import { bundleAll, resolversDir } from '../../resolvers/build.ts';
import { ASSETS_STORE_DIR, FUNCTION_NAMES, PACKAGED_ASSETS_DIR, useAssetsDir, type ResolverManifest } from '../lib/package-assets.ts';
import {
  assetStampKey,
  changedSince,
  currentFolder,
  FUNCTIONS_STAMP_FILE,
  functionsStampKey,
  publish,
  readStamp,
  stagingFolder,
  upToDateFolder,
  writeStamp,
  type AssetSources,
} from './asset-store.ts';
import { bundleFunctions } from './bundle-function.ts';

const require = createRequire(import.meta.url);
const PACKAGE_DIR = resolve(import.meta.dirname, '..');
const REPO_DIR = resolve(PACKAGE_DIR, '..');

/** The repository's sources of the construct's code; FUNCTION_NAMES is read here, so a new entry needs no other edit. */
export const REPOSITORY_SOURCES: AssetSources = {
  rootDir: REPO_DIR,
  resolversDir,
  functionsDir: join(REPO_DIR, 'functions'),
  functionNames: FUNCTION_NAMES,
  schemaFile: join(REPO_DIR, 'schema.graphql'),
};

/**
 * The build's own code and its bundler: part of every stamp, so a change to how the assets are built (an esbuild
 * option here or in resolvers/build.ts, a new esbuild) rebuilds them.
 */
const BUILDER_FILES = [
  import.meta.filename,
  join(import.meta.dirname, 'bundle-function.ts'),
  join(import.meta.dirname, 'asset-store.ts'),
  join(resolversDir, 'build.ts'),
  require.resolve('esbuild/package.json'),
];

/** A build that saw its inputs change while it ran is redone, up to this many times in all. */
const MAX_BUILD_ATTEMPTS = 3;

export interface BuiltAssets {
  /** The folder holding resolvers/ (with manifest.json), functions/ and schema.graphql. */
  dir: string;
  /** False when the stamp was unchanged and nothing was bundled. */
  rebuilt: boolean;
}

/**
 * Bundles resolvers and functions and copies the schema into the asset store (default: infra/dist/.assets-store),
 * unless the current build's stamp still matches the sources. A finished build is published by renames only
 * (asset-store.ts), so concurrent builds and synths never see a missing or half-written folder. With the default
 * store, this process's readers (package-assets.ts) move to the folder returned.
 */
export function buildAssets(options: { storeDir?: string; sources?: AssetSources } = {}): BuiltAssets {
  const storeDir = options.storeDir ?? ASSETS_STORE_DIR;
  const sources = options.sources ?? REPOSITORY_SOURCES;
  const built = upToDateOrBuild(storeDir, sources);
  if (storeDir === ASSETS_STORE_DIR) useAssetsDir(built.dir);
  return built;
}

function upToDateOrBuild(storeDir: string, sources: AssetSources): BuiltAssets {
  const upToDate = upToDateFolder(storeDir, sources);
  if (upToDate) return { dir: `${upToDate}/`, rebuilt: false };
  for (let attempt = 1; ; attempt += 1) {
    // One millisecond early: an edit within the millisecond the build starts in counts as made during it.
    const started = Date.now() - 1;
    const staging = stagingFolder(storeDir);
    const inputs = [...writeAssets(staging, sources, currentFolder(storeDir)), ...BUILDER_FILES];
    const key = assetStampKey(sources, inputs);
    // The stamp hashes the inputs as they are now: only a build none of whose inputs changed since it started may
    // carry it (else a later check would take bundles of the old code for the new).
    if (key !== undefined && !changedSince(inputs, started)) {
      return { dir: `${publish(storeDir, staging, { key, inputs }, sources)}/`, rebuilt: true };
    }
    rmSync(staging, { recursive: true, force: true });
    if (attempt === MAX_BUILD_ATTEMPTS) {
      throw new Error(`The construct's sources kept changing during ${MAX_BUILD_ATTEMPTS} builds of its assets; build again when they settle.`);
    }
  }
}

/**
 * Writes the assets into `outDir` and returns every file the bundles were made from (absolute paths). The function
 * bundles are copied from `current` (the last build) when nothing they were made from changed.
 */
function writeAssets(outDir: string, sources: AssetSources, current: string | undefined): string[] {
  const resolversOut = join(outDir, 'resolvers');
  const bundled = bundleAll(resolversOut, sources.resolversDir);
  const manifest: ResolverManifest = {
    resolvers: bundled.map((resolver) => ({
      typeName: resolver.typeName,
      fieldName: resolver.fieldName,
      kind: resolver.kind,
      ...(resolver.dataSource === undefined ? {} : { dataSource: resolver.dataSource }),
      file: relative(resolversOut, resolver.outfile),
      functions: resolver.functions.map((fn) => ({ name: fn.name, dataSource: fn.dataSource, file: relative(resolversOut, fn.outfile) })),
    })),
  };
  writeFileSync(join(resolversOut, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const inputs = resolverInputs(bundled.flatMap((resolver) => [resolver.entry, ...resolver.functions.map((fn) => fn.entry)]));
  inputs.push(...writeFunctions(outDir, sources, current));
  cpSync(sources.schemaFile, join(outDir, 'schema.graphql'));
  inputs.push(sources.schemaFile);
  return inputs;
}

/**
 * The function bundles into `outDir/functions`, with their own stamp beside (FUNCTIONS_STAMP_FILE): copied from
 * `current` when its stamp still matches what they were made from, as after an edit to resolvers only (bundling them
 * with the AWS SDK is most of a build: a resolver edit rebuilds in 0.25 s instead of 0.9 s), else bundled. Copies keep
 * their timestamps.
 * @returns the files the function bundles were made from (absolute paths), the build's own code among them.
 */
function writeFunctions(outDir: string, sources: AssetSources, current: string | undefined): string[] {
  const previous = current === undefined ? undefined : readStamp(current, FUNCTIONS_STAMP_FILE);
  if (current !== undefined && previous !== undefined && functionsStampKey(sources, previous.inputs) === previous.key) {
    try {
      cpSync(join(current, 'functions'), join(outDir, 'functions'), { recursive: true, preserveTimestamps: true });
      const inputs = previous.inputs.map((input) => resolve(sources.rootDir, input));
      writeStamp(outDir, FUNCTIONS_STAMP_FILE, { key: previous.key, inputs }, sources);
      return inputs;
    } catch {
      // The folder was retired meanwhile: bundle them.
      rmSync(join(outDir, 'functions'), { recursive: true, force: true });
    }
  }
  const entries = Object.fromEntries(sources.functionNames.map((name) => [name, join(sources.functionsDir, name, 'index.ts')]));
  const inputs = [...bundleFunctions(entries, join(outDir, 'functions')), ...BUILDER_FILES];
  const key = functionsStampKey(sources, inputs);
  if (key !== undefined) writeStamp(outDir, FUNCTIONS_STAMP_FILE, { key, inputs }, sources);
  return inputs;
}

/**
 * The files the resolver bundles read: resolvers/build.ts bundles each entry on its own and reports no metafile, so
 * one esbuild pass over all entries, resolving as it does (its one external), lists them without writing anything.
 */
function resolverInputs(entries: string[]): string[] {
  if (entries.length === 0) return [];
  const result = buildSync({
    entryPoints: [...new Set(entries)],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    target: 'esnext',
    platform: 'node',
    external: ['@aws-appsync/utils'],
    outdir: 'resolver-inputs',
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs).map((input) => resolve(input));
}

/**
 * Copies a built folder to dist/assets, the plain folder `npm pack` carries (it skips symlinks, and the store stays
 * out of the package). Written beside and renamed into place; nothing in the repository reads it while the store
 * exists, so the short window of the swap concerns only a concurrent pack.
 */
function writePackagedAssets(builtDir: string): void {
  const outDir = PACKAGED_ASSETS_DIR.replace(/\/$/, '');
  const staging = `${outDir}.${process.pid}.${Date.now()}`;
  const retired = `${staging}.old`;
  for (const part of ['resolvers', 'functions', 'schema.graphql']) cpSync(join(builtDir, part), join(staging, part), { recursive: true });
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
  writePackagedAssets(buildAssets().dir);
  await buildEntry();
  // TypeScript 7 (the native compiler): the same declarations as 5.9's (only quotes differ) in 1.3 CPU-seconds, not 4.7.
  execFileSync(process.execPath, [join(dirname(require.resolve('@typescript/native/package.json')), 'bin', 'tsc'), '-p', join(PACKAGE_DIR, 'tsconfig.build.json')], { stdio: 'inherit' });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const started = performance.now();
  if (process.argv.includes('--assets')) {
    const { dir, rebuilt } = buildAssets();
    console.log(`${rebuilt ? 'built' : 'up to date:'} ${relative(process.cwd(), dir)} in ${Math.round(performance.now() - started)} ms`);
  } else {
    await buildPackage();
    console.log(`built ${relative(process.cwd(), join(PACKAGE_DIR, 'dist'))} in ${Math.round(performance.now() - started)} ms`);
  }
}
