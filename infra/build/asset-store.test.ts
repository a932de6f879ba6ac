/**
 * The asset store against real builds (esbuild, the file system, child processes) of a small fixture repository:
 * an unchanged stamp builds nothing, any change to what a bundle reads rebuilds, and concurrent builds and readers
 * never see a missing or mixed folder.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ASSETS_DIR, ASSETS_STORE_DIR, currentStoreAssets, FUNCTION_NAMES } from '../lib/package-assets.ts';
import { FUNCTIONS_STAMP_FILE, RETIRED_FOLDER_TTL_MS, readPointer, removeRetired, STAMP_FILE, type AssetSources } from './asset-store.ts';
import { buildAssets, REPOSITORY_SOURCES } from './build-package.ts';

const BUILD_PACKAGE = join(import.meta.dirname, 'build-package.ts');
const PACKAGE_ASSETS = join(import.meta.dirname, '..', 'lib', 'package-assets.ts');
const temp = mkdtempSync(join(tmpdir(), 'otp-asset-store-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let fixture = 0;
let root: string;
let store: string;
let sources: AssetSources;

/** A repository in miniature: one resolver and one function, both importing `version.ts` (through a helper). */
function writeFixture(): void {
  fixture += 1;
  root = join(temp, `repo-${fixture}`);
  store = join(root, 'store');
  const files: Record<string, string> = {
    'resolvers/Query.hello.[none].ts': "import { greeting } from './lib/greet.ts';\nexport function request() { return {}; }\nexport function response() { return greeting(); }\n",
    'resolvers/lib/greet.ts': "import { VERSION } from '../../shared/version.ts';\nexport function greeting() { return `hello ${VERSION}`; }\n",
    'functions/fn-a/index.ts': "import { VERSION } from '../../shared/version.ts';\nexport const handler = async () => VERSION;\n",
    'shared/version.ts': "export const VERSION = 'v1';\n",
    'schema.graphql': 'type Query { hello: String }\n',
  };
  for (const [file, content] of Object.entries(files)) write(file, content);
  sources = { rootDir: root, resolversDir: join(root, 'resolvers'), functionsDir: join(root, 'functions'), functionNames: ['fn-a'], schemaFile: join(root, 'schema.graphql') };
}

function write(file: string, content: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), content);
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const build = () => buildAssets({ storeDir: store, sources });

beforeEach(writeFixture);

describe('buildAssets with an asset store', () => {
  it('builds once, then finds the stamp unchanged and writes nothing', () => {
    const first = build();
    expect(first.rebuilt).toBe(true);
    expect(JSON.parse(read(first.dir, 'resolvers/manifest.json'))).toMatchObject({ resolvers: [{ typeName: 'Query', fieldName: 'hello', file: 'Query.hello.js' }] });
    expect(read(first.dir, 'functions/fn-a/index.mjs')).toContain('v1');
    expect(read(first.dir, 'schema.graphql')).toBe('type Query { hello: String }\n');
    const written = statSync(join(first.dir, 'functions/fn-a/index.mjs')).mtimeMs;

    const second = build();
    expect(second).toEqual({ dir: first.dir, rebuilt: false });
    expect(statSync(join(first.dir, 'functions/fn-a/index.mjs')).mtimeMs).toBe(written);
    // Nothing was staged either: the store holds the one folder and its pointer.
    expect(readdirSync(store).sort()).toEqual([readPointer(store), 'current'].sort());
    // The stamp lists what the bundles read, the indirect import and the build's own code among them.
    const inputs = (JSON.parse(read(first.dir, STAMP_FILE)) as { inputs: string[] }).inputs;
    expect(inputs).toEqual(expect.arrayContaining(['shared/version.ts', 'resolvers/lib/greet.ts', 'functions/fn-a/index.ts', 'schema.graphql']));
    expect(inputs.some((input) => input.endsWith('build-package.ts'))).toBe(true);
    expect(inputs.some((input) => input.endsWith('esbuild/package.json'))).toBe(true);
  });

  it('rebuilds into a new folder when a file a bundle imports changes, and keeps the old one for its readers', () => {
    const first = build();
    write('shared/version.ts', "export const VERSION = 'v2';\n");
    const second = build();
    expect(second.rebuilt).toBe(true);
    expect(second.dir).not.toBe(first.dir);
    expect(read(second.dir, 'functions/fn-a/index.mjs')).toContain('v2');
    expect(read(second.dir, 'resolvers/Query.hello.js')).toContain('v2');
    expect(read(first.dir, 'functions/fn-a/index.mjs')).toContain('v1');
    expect(currentStoreAssets(`${store}/`)).toBe(second.dir);
  });

  it('copies the function bundles from the last build when only what the resolvers read changed, and bundles them when theirs did', () => {
    write('resolvers/lib/only-resolvers.ts', "export const SUFFIX = '!';\n");
    write('resolvers/lib/greet.ts', "import { VERSION } from '../../shared/version.ts';\nimport { SUFFIX } from './only-resolvers.ts';\nexport function greeting() { return `hello ${VERSION}${SUFFIX}`; }\n");
    const first = build();
    const bundle = (dir: string) => statSync(join(dir, 'functions/fn-a/index.mjs'));
    const functionsStamp = (dir: string) => JSON.parse(read(dir, FUNCTIONS_STAMP_FILE)) as { key: string; inputs: string[] };
    expect(functionsStamp(first.dir).inputs).toEqual(expect.arrayContaining(['functions/fn-a/index.ts', 'shared/version.ts']));
    expect(functionsStamp(first.dir).inputs).not.toContain('resolvers/lib/only-resolvers.ts');

    write('resolvers/lib/only-resolvers.ts', "export const SUFFIX = '?';\n");
    const resolversOnly = build();
    expect(resolversOnly.rebuilt).toBe(true);
    expect(read(resolversOnly.dir, 'resolvers/Query.hello.js')).toContain('?');
    // A copy (its timestamp kept, to the millisecond), not a new bundle; the same stamp for it.
    expect(Math.abs(bundle(resolversOnly.dir).mtimeMs - bundle(first.dir).mtimeMs)).toBeLessThan(1);
    expect(read(resolversOnly.dir, 'functions/fn-a/index.mjs')).toBe(read(first.dir, 'functions/fn-a/index.mjs'));
    expect(functionsStamp(resolversOnly.dir)).toEqual(functionsStamp(first.dir));

    write('shared/version.ts', "export const VERSION = 'v2';\n");
    const shared = build();
    expect(read(shared.dir, 'functions/fn-a/index.mjs')).toContain('v2');
    expect(functionsStamp(shared.dir).key).not.toBe(functionsStamp(first.dir).key);
    expect(bundle(shared.dir).mtimeMs - bundle(first.dir).mtimeMs).toBeGreaterThanOrEqual(1);
  });

  it('rebuilds for a new function name, a new resolver file and a changed schema, with no change to any bundled file', () => {
    const dirs = [build().dir];
    write('functions/fn-b/index.ts', 'export const handler = async () => 42;\n');
    sources = { ...sources, functionNames: [...sources.functionNames, 'fn-b'] };
    const withFunction = build();
    expect(withFunction.rebuilt).toBe(true);
    expect(existsSync(join(withFunction.dir, 'functions/fn-b/index.mjs'))).toBe(true);
    dirs.push(withFunction.dir);

    write('resolvers/Query.bye.[none].ts', 'export function request() { return {}; }\nexport function response() { return 0; }\n');
    const withResolver = build();
    expect(withResolver.rebuilt).toBe(true);
    expect(read(withResolver.dir, 'resolvers/manifest.json')).toContain('"fieldName": "bye"');
    dirs.push(withResolver.dir);

    write('schema.graphql', 'type Query { hello: String bye: Int }\n');
    const withSchema = build();
    expect(withSchema.rebuilt).toBe(true);
    dirs.push(withSchema.dir);
    expect(new Set(dirs).size).toBe(4);
    expect(build().rebuilt).toBe(false);
  });

  it('goes back to the folder of an earlier build when its sources come back (content-addressed)', () => {
    const first = build();
    write('shared/version.ts', "export const VERSION = 'v2';\n");
    build();
    write('shared/version.ts', "export const VERSION = 'v1';\n");
    const reverted = build();
    expect(reverted.dir).toBe(first.dir);
    expect(readPointer(store)).toBe(first.dir.split('/').at(-2));
  });

  it('removes folders untouched for the retention time, never the current one', () => {
    const old = build();
    write('shared/version.ts', "export const VERSION = 'v2';\n");
    const current = build();
    const aged = new Date(Date.now() - RETIRED_FOLDER_TTL_MS - 60_000);
    utimesSync(old.dir, aged, aged);
    utimesSync(current.dir, aged, aged);
    removeRetired(store, 'none');
    expect(existsSync(old.dir)).toBe(false);
    expect(existsSync(current.dir)).toBe(true);
  });

  it('moves this process to the repository build, whose stamp covers every FUNCTION_NAMES entry', () => {
    // The repository's own store (the global set-up built it): asked again, it serves that build or a newer one.
    const built = buildAssets();
    expect(ASSETS_DIR).toBe(built.dir);
    expect(built.dir.startsWith(ASSETS_STORE_DIR)).toBe(true);
    expect(REPOSITORY_SOURCES.functionNames).toBe(FUNCTION_NAMES);
    for (const name of FUNCTION_NAMES) expect(existsSync(join(built.dir, 'functions', name, 'index.mjs'))).toBe(true);
  });
});

describe('concurrent builds and readers', () => {
  /** Runs `code` (an ES module body) with tsx in a child process; resolves with its stdout, rejects on failure. */
  const child = (code: string) =>
    new Promise<string>((resolve, reject) => {
      const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      proc.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`child exited ${String(code)}: ${err}`))));
    });

  it('never shows a reader a missing, half-written or mixed folder while builders race on changing sources', async () => {
    build();
    const stopFile = join(root, 'stop');
    // The reader resolves the pointer as package-assets.ts does and reads the whole folder, as a synth would:
    // every file the manifest names, the function and the schema; the resolver and the function must be of one
    // version (both import shared/version.ts).
    const reader = child(`
      import { existsSync, readFileSync } from 'node:fs';
      const { currentStoreAssets } = await import(${JSON.stringify(PACKAGE_ASSETS)});
      let reads = 0;
      const versions = new Set();
      while (!existsSync(${JSON.stringify(stopFile)})) {
        const dir = currentStoreAssets(${JSON.stringify(`${store}/`)});
        if (!dir) throw new Error('no current folder');
        const manifest = JSON.parse(readFileSync(dir + 'resolvers/manifest.json', 'utf8'));
        const resolver = manifest.resolvers.map((r) => readFileSync(dir + 'resolvers/' + r.file, 'utf8')).join('');
        const fn = readFileSync(dir + 'functions/fn-a/index.mjs', 'utf8');
        readFileSync(dir + 'schema.graphql', 'utf8');
        const version = /"(v\\d+)"/.exec(fn)?.[1];
        if (!version || !resolver.includes('"' + version + '"')) throw new Error('mixed folder ' + dir + ': function ' + version);
        versions.add(version);
        reads += 1;
      }
      console.log(JSON.stringify({ reads, versions: [...versions] }));
    `);
    const builder = () =>
      child(`
        const { buildAssets } = await import(${JSON.stringify(BUILD_PACKAGE)});
        console.log(JSON.stringify(buildAssets({ storeDir: ${JSON.stringify(store)}, sources: ${JSON.stringify(sources)} })));
      `);
    try {
      const ROUNDS = 2;
      for (let round = 2; round <= ROUNDS + 1; round += 1) {
        write('shared/version.ts', `export const VERSION = 'v${round}';\n`);
        const results = (await Promise.all([builder(), builder(), builder()])).map((out) => JSON.parse(out) as { dir: string });
        // Racing builders of the same sources agree on one folder, whichever renamed it into place first.
        expect(new Set(results.map((result) => result.dir)).size).toBe(1);
        expect(read(results[0]?.dir ?? '', 'functions/fn-a/index.mjs')).toContain(`v${round}`);
      }
    } finally {
      writeFileSync(stopFile, '');
    }
    const { reads, versions } = JSON.parse(await reader) as { reads: number; versions: string[] };
    expect(reads).toBeGreaterThan(0);
    // The reader saw the folders come and go (not only the first one).
    expect(versions.length).toBeGreaterThan(1);
    // No staging folder is left behind.
    expect(readdirSync(store).filter((name) => name.startsWith('.staging-'))).toEqual([]);
  }, 90_000);
});
