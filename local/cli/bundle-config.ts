/**
 * Imports a config file without a TypeScript loader, for the compiled command (bin/compiled-package.mjs), as Vite loads
 * its config: the file and the modules it imports by path are bundled by esbuild into one module, each keeping its own
 * `import.meta.url`/`dirname`/`filename`; packages stay imports, and `appsync-local` is the compiled package the command
 * runs, so the config's sidecars and the stack share one copy of it.
 */
import type { Plugin } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withSourceLocation } from '../bin/compiled-package.mjs';
import { writeFileWhole } from '../util/write-whole.ts';

const PACKAGE_NAME = 'appsync-local';

function configModules(packageEntry: string): Plugin {
  return {
    name: 'appsync-local-config',
    setup(builder) {
      builder.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point' || args.path.startsWith('.') || args.path.startsWith('/')) return undefined;
        return { path: args.path === PACKAGE_NAME ? packageEntry : args.path, external: true };
      });
      builder.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => ({
        contents: withSourceLocation(readFileSync(args.path, 'utf8'), args.path),
        loader: /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js',
      }));
    },
  };
}

/** What a kept bundle was made from: each input file's content hash, and the package entry it imports. */
interface BundleRecord {
  packageEntry: string;
  inputs: Record<string, string>;
  bundle: string;
}

function contentHash(path: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return undefined;
  }
}

function readRecord(recordFile: string): BundleRecord | undefined {
  try {
    return JSON.parse(readFileSync(recordFile, 'utf8')) as BundleRecord;
  } catch {
    return undefined;
  }
}

/**
 * The record of a config's kept bundle, named by the config's path as well as its file name: projects may share one
 * node_modules (a symlink, a hoisting layout), and each config has its own record there.
 */
export function bundleRecordFile(cacheDir: string, configPath: string): string {
  return join(cacheDir, `.${basename(configPath)}.${createHash('sha256').update(resolve(configPath)).digest('hex').slice(0, 16)}.bundle.json`);
}

/** Whether a kept bundle was made from these very files, for this package entry. */
function isCurrent(record: BundleRecord, packageEntry: string): boolean {
  if (record.packageEntry !== packageEntry || !existsSync(record.bundle)) return false;
  return Object.entries(record.inputs).every(([input, hash]) => contentHash(input) === hash);
}

/**
 * The config module, bundled to a file where its package imports resolve as from the config, and imported.
 *
 * In a project with node_modules, the bundle is kept in its `node_modules/.cache/appsync-local` with a record of the
 * files it was made from: the next start imports it without loading esbuild while they are unchanged (esbuild's
 * load and build were ~80 ms of every start, before DynamoDB Local's JVM is spawned). Without node_modules, it is
 * written beside the config and removed once imported.
 * @throws when a module it imports cannot be loaded without a TypeScript loader (a package that ships TypeScript)
 */
export async function importBundledConfig(path: string, packageEntry: string): Promise<unknown> {
  const dir = dirname(path);
  const cacheDir = existsSync(join(dir, 'node_modules')) ? join(dir, 'node_modules', '.cache', 'appsync-local') : undefined;
  const recordFile = cacheDir && bundleRecordFile(cacheDir, path);
  const record = recordFile ? readRecord(recordFile) : undefined;
  if (record && isCurrent(record, packageEntry)) return import(pathToFileURL(record.bundle).href);

  const outDir = cacheDir ?? dir;
  mkdirSync(outDir, { recursive: true });
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [path],
    outfile: join(outDir, `.${basename(path)}.mjs`),
    write: false,
    metafile: true,
    absWorkingDir: dir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
    plugins: [configModules(packageEntry)],
  });
  const inputs = Object.fromEntries(Object.keys(result.metafile.inputs).map((input) => [resolve(dir, input), contentHash(resolve(dir, input)) ?? '']));
  const code = result.outputFiles[0]!.contents;
  const id = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const bundle = join(outDir, `.${basename(path)}.${id}.mjs`);
  writeFileWhole(bundle, code);
  let loaded: unknown;
  try {
    loaded = await import(pathToFileURL(bundle).href);
  } catch (error) {
    rmSync(bundle, { force: true });
    throw error;
  }
  if (recordFile) {
    writeFileWhole(recordFile, JSON.stringify({ packageEntry, inputs, bundle } satisfies BundleRecord));
    if (record && record.bundle !== bundle) rmSync(record.bundle, { force: true });
  } else {
    rmSync(bundle, { force: true });
  }
  return loaded;
}
