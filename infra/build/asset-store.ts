/**
 * The content-addressed store of built assets (see package-assets.ts): what decides whether a build can be skipped
 * (the stamp), and the two atomic steps that publish a build (rename a finished folder in, rename a pointer over the
 * old one). Every synth of the CDK app asks for the assets; most find the stamp unchanged and build nothing.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { discoverResolvers } from '../../resolvers/build.ts';
import { ASSETS_POINTER_FILE } from '../lib/package-assets.ts';

/** Where the assets are built from. */
export interface AssetSources {
  /** Stamp paths are recorded relative to this folder (the repository). */
  rootDir: string;
  /** The resolvers folder (its layout: resolvers/build.ts). */
  resolversDir: string;
  /** `functionsDir/<name>/index.ts` is the entry of function `name`. */
  functionsDir: string;
  functionNames: readonly string[];
  schemaFile: string;
}

/** Written as `stamp.json` at the top of each built folder (beside, not inside, the folders the construct deploys). */
export interface AssetStamp {
  key: string;
  /** Every file the build read, relative to rootDir: bundled sources and dependencies, the schema, the build's own code. */
  inputs: string[];
}

export const STAMP_FILE = 'stamp.json';
/**
 * Written beside it: the stamp of the function bundles alone (an {@link AssetStamp} over what they read), so that a
 * build whose function inputs did not change (an edit to resolvers or the schema) copies them from the current folder
 * instead of bundling them and the AWS SDK again.
 */
export const FUNCTIONS_STAMP_FILE = 'functions-stamp.json';
/**
 * How long a folder no longer current is kept: a synth that started on it (another test's stack, a CDK app that
 * resolved it at import) reads it for seconds; an hour leaves a wide margin and bounds the store's size.
 */
export const RETIRED_FOLDER_TTL_MS = 60 * 60 * 1000;
const STAGING_PREFIX = '.staging-';

/**
 * The stamp of a build from `sources` that read `inputs` (absolute or rootDir-relative paths): a hash of the resolver
 * layout and function names (a new resolver file or FUNCTION_NAMES entry changes it without any input changing), the
 * version of each npm package an input belongs to, and every input's path and content.
 * @returns undefined when an input no longer exists (the build that read it is out of date).
 */
export function assetStampKey(sources: AssetSources, inputs: readonly string[]): string | undefined {
  const rel = relativeTo(sources.rootDir);
  const layout = discoverResolvers(sources.resolversDir).map((resolver) => ({
    ...resolver,
    entry: rel(resolver.entry),
    functions: resolver.functions.map((fn) => ({ ...fn, entry: rel(fn.entry) })),
  }));
  return inputsKey(sources.rootDir, { layout, functionNames: sources.functionNames, schema: rel(sources.schemaFile) }, inputs);
}

/** The key of the function bundles alone: the function names, and what the bundles read (as {@link assetStampKey}). */
export function functionsStampKey(sources: AssetSources, inputs: readonly string[]): string | undefined {
  return inputsKey(sources.rootDir, { functionNames: sources.functionNames }, inputs);
}

const relativeTo = (rootDir: string) => (path: string) => relative(rootDir, resolve(rootDir, path));

/** A hash of `header`, the version of each npm package an input belongs to, and every input's path and content. */
function inputsKey(rootDir: string, header: object, inputs: readonly string[]): string | undefined {
  const hash = createHash('sha256');
  const files = [...new Set(inputs.map(relativeTo(rootDir)))].sort();
  const versions = [...new Set(files.map(packageRootOf).filter((root) => root !== undefined))].sort().map((root) => `${root}@${packageVersion(join(rootDir, root))}`);
  hash.update(JSON.stringify({ ...header, versions }));
  for (const file of files) {
    let content: Buffer;
    try {
      content = readFileSync(join(rootDir, file));
    } catch {
      return undefined;
    }
    hash.update(`\0${file}\0${content.length}\0`);
    hash.update(content);
  }
  // 20 hex digits (80 bits): a folder name, not a security boundary; collisions would need a deliberate search.
  return hash.digest('hex').slice(0, 20);
}

/** `node_modules/<name>` or `node_modules/@scope/<name>` (the innermost) of a path, or undefined outside node_modules. */
function packageRootOf(file: string): string | undefined {
  const parts = file.split(sep);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length) return undefined;
  const scoped = (parts[at + 1] as string).startsWith('@');
  return parts.slice(0, at + (scoped ? 3 : 2)).join(sep);
}

function packageVersion(packageRoot: string): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unversioned';
  } catch {
    return 'missing';
  }
}

/** The key the store's pointer names, or undefined. */
export function readPointer(storeDir: string): string | undefined {
  try {
    return readFileSync(join(storeDir, ASSETS_POINTER_FILE), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

export function readStamp(folder: string, file: string = STAMP_FILE): AssetStamp | undefined {
  try {
    return JSON.parse(readFileSync(join(folder, file), 'utf8')) as AssetStamp;
  } catch {
    return undefined;
  }
}

/** `stamp` as written into a folder: inputs relative to rootDir, sorted. */
export function writeStamp(folder: string, file: string, stamp: AssetStamp, sources: AssetSources): void {
  writeFileSync(join(folder, file), `${JSON.stringify({ ...stamp, inputs: stamp.inputs.map((input) => relative(sources.rootDir, input)).sort() }, null, 2)}\n`);
}

/** The store's current folder (the last build published), if any. */
export function currentFolder(storeDir: string): string | undefined {
  const key = readPointer(storeDir);
  return key === undefined ? undefined : join(storeDir, key);
}

/** The current folder when its stamp still matches the sources (nothing to build), else undefined. */
export function upToDateFolder(storeDir: string, sources: AssetSources): string | undefined {
  const folder = currentFolder(storeDir);
  if (folder === undefined) return undefined;
  const stamp = readStamp(folder);
  if (stamp?.key !== basename(folder)) return undefined;
  return assetStampKey(sources, stamp.inputs) === stamp.key ? folder : undefined;
}

/** A fresh, private folder in the store to build into (renamed to its key by {@link publish}). */
export function stagingFolder(storeDir: string): string {
  mkdirSync(storeDir, { recursive: true });
  return join(storeDir, `${STAGING_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
}

/**
 * Moves a finished build into the store under its key and makes it current. If a concurrent build of the same
 * sources got there first, its folder (identical content) is used and this one discarded. Each step is one rename,
 * so a reader of the pointer always finds a whole folder.
 * @returns the published folder.
 */
export function publish(storeDir: string, staging: string, stamp: AssetStamp, sources: AssetSources): string {
  writeStamp(staging, STAMP_FILE, stamp, sources);
  const folder = join(storeDir, stamp.key);
  try {
    renameSync(staging, folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    rmSync(staging, { recursive: true, force: true });
    // Marks it as in use again, so the clean-up of retired folders leaves it alone.
    const now = new Date();
    utimesSync(folder, now, now);
  }
  const pointerTemp = join(storeDir, `${ASSETS_POINTER_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
  writeFileSync(pointerTemp, stamp.key);
  renameSync(pointerTemp, join(storeDir, ASSETS_POINTER_FILE));
  removeRetired(storeDir, stamp.key);
  return folder;
}

/** Deletes folders (and crashed builds' staging folders) untouched for {@link RETIRED_FOLDER_TTL_MS}, never `keep`. */
export function removeRetired(storeDir: string, keep: string, now: number = Date.now()): void {
  const current = readPointer(storeDir);
  for (const name of readdirSync(storeDir)) {
    if (name === keep || name === current || name === ASSETS_POINTER_FILE) continue;
    const path = join(storeDir, name);
    let modified: number;
    try {
      modified = statSync(path).mtimeMs;
    } catch {
      continue;
    }
    if (now - modified > RETIRED_FOLDER_TTL_MS) rmSync(path, { recursive: true, force: true });
  }
}

/** True when any input changed after `since` (ms since the epoch): a build that read it may hold a mix of versions. */
export function changedSince(inputs: readonly string[], since: number): boolean {
  return inputs.some((input) => {
    try {
      return statSync(input).mtimeMs > since;
    } catch {
      return true;
    }
  });
}
