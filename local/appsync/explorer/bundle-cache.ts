/**
 * The explorer bundle's disk cache: `node_modules/.cache/appsync-local/explorer/<key>/` (next to the installed
 * graphiql, the usual place for tool caches, ignored by git; the OS temp dir when there is no such node_modules).
 * The key hashes the installed versions of what goes into the bundle, the install's lockfile and our own browser
 * code, so a warm start reads two files instead of running esbuild, and any upgrade or edit rebuilds.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ExplorerAssets } from './bundle-explorer.ts';

/** Packages whose code or behaviour ends up in the bundle (esbuild: how it is built). */
const BUNDLED_PACKAGES = [
  'graphiql',
  '@graphiql/react',
  '@graphiql/toolkit',
  '@graphiql/plugin-doc-explorer',
  '@graphiql/plugin-history',
  'react',
  'react-dom',
  'graphql',
  '@smithy/signature-v4',
  '@smithy/protocol-http',
  '@aws-crypto/sha256-js',
  'esbuild',
];

/** Our files that decide the bundle's content: the browser code, the config type it reads, the bundler options. */
const OWN_SOURCES = [join(import.meta.dirname, 'browser'), join(import.meta.dirname, 'explorer-config.ts'), join(import.meta.dirname, 'bundle-explorer.ts')];

const resolver = createRequire(join(import.meta.dirname, 'browser', 'main.ts'));

/** The installed version of `name` as the browser entry resolves it, or `missing`. */
function installedVersion(name: string): string {
  try {
    return String((resolver(`${name}/package.json`) as { version?: unknown }).version);
  } catch {
    return 'missing';
  }
}

/** The node_modules the bundle's packages come from (where graphiql is), if any. */
function nodeModulesDir(): string | null {
  try {
    return dirname(dirname(resolver.resolve('graphiql/package.json')));
  } catch {
    return null;
  }
}

/** Where cached bundles live. */
export function defaultCacheRoot(): string {
  const nodeModules = nodeModulesDir();
  return nodeModules ? join(nodeModules, '.cache', 'appsync-local', 'explorer') : join(tmpdir(), 'appsync-local-explorer');
}

async function hashPath(hash: ReturnType<typeof createHash>, path: string): Promise<void> {
  if ((await stat(path)).isDirectory()) {
    for (const name of (await readdir(path)).sort()) await hashPath(hash, join(path, name));
    return;
  }
  hash.update(`${path}\0`).update(await readFile(path)).update('\0');
}

/** The cache key of the bundle the installed packages and the current sources make (a few ms: small files). */
export async function explorerCacheKey(): Promise<string> {
  const hash = createHash('sha256');
  for (const name of BUNDLED_PACKAGES) hash.update(`${name}@${installedVersion(name)}\n`);
  // npm's hidden lockfile changes with any install: transitive upgrades (codemirror, radix…) rebuild too.
  const lockfile = join(nodeModulesDir() ?? '', '.package-lock.json');
  if (existsSync(lockfile)) hash.update(await readFile(lockfile));
  for (const path of OWN_SOURCES) await hashPath(hash, path);
  return hash.digest('hex').slice(0, 24);
}

const JS_FILE = 'explorer.js';
const CSS_FILE = 'explorer.css';

/** The bundle cached under `key`, or null when there is none (or it is incomplete). */
export async function readCachedBundle(root: string, key: string): Promise<ExplorerAssets | null> {
  try {
    const [js, css] = await Promise.all([readFile(join(root, key, JS_FILE)), readFile(join(root, key, CSS_FILE))]);
    return { js, css };
  } catch {
    return null;
  }
}

/**
 * Stores a bundle under `key`: written to a private directory, then renamed into place, so a concurrent reader (an
 * engine in another test worker) sees the whole bundle or none. Bundles of other keys are removed (each is ~2 MB).
 */
export async function writeCachedBundle(root: string, key: string, assets: ExplorerAssets): Promise<void> {
  const temporary = join(root, `${key}.tmp-${process.pid}-${randomUUID()}`);
  await mkdir(temporary, { recursive: true });
  await writeFile(join(temporary, JS_FILE), assets.js);
  await writeFile(join(temporary, CSS_FILE), assets.css);
  try {
    await rename(temporary, join(root, key));
  } catch {
    // Another process stored the same key first: its files are as good as ours.
    await rm(temporary, { recursive: true, force: true });
  }
  for (const entry of await readdir(root)) {
    if (entry !== key && !entry.includes('.tmp-')) await rm(join(root, entry), { recursive: true, force: true }).catch(() => undefined);
  }
}

/** A loaded bundle, with where it came from and what it cost. */
export interface LoadedExplorerBundle extends ExplorerAssets {
  key: string;
  from: 'disk' | 'build';
  /** Wall time of the whole load: key, read, and on a miss build and write. */
  ms: number;
}

/** Reads the bundle from the cache, or builds and stores it. A failed store still answers with the built bundle. */
export async function loadExplorerBundle(options: {
  root: string;
  build: () => Promise<ExplorerAssets>;
  key?: () => Promise<string>;
}): Promise<LoadedExplorerBundle> {
  const started = performance.now();
  const key = await (options.key ?? explorerCacheKey)();
  const cached = await readCachedBundle(options.root, key);
  if (cached) return { ...cached, key, from: 'disk', ms: performance.now() - started };
  const built = await options.build();
  await writeCachedBundle(options.root, key, built).catch((error: unknown) => {
    console.warn(`[appsync] explorer bundle not cached (${error instanceof Error ? error.message : String(error)}): the next start bundles again`);
  });
  return { ...built, key, from: 'build', ms: performance.now() - started };
}
