import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { sourceFingerprint } from '../local/template/source-fingerprint.ts';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = join(webRoot, '..');

/** As a deployment would set them (env vars or .env); define keeps the test independent of the environment. */
const DEFINE = {
  'import.meta.env.VITE_GRAPHQL_URL': JSON.stringify('https://example.appsync-api.eu-west-1.amazonaws.com/graphql'),
  'import.meta.env.VITE_API_KEY': JSON.stringify('da2-build-test'),
};

/**
 * The build is kept (in .local/, like the test stacks' assemblies) with a fingerprint of what it was made from: the
 * files under web/ (the app, its config and the budget plugin; not its tests), the files outside web/ the last build's
 * module graph read (infra's model and generated documents), the lock file (the dependencies) and the settings below.
 * A run where none of them changed reads the last build: 5 s of CPU on every run before.
 */
const KEPT_DIR = join(repoRoot, '.local', 'test-web-build');
const outDir = join(KEPT_DIR, 'dist');
const INPUTS_FILE = join(KEPT_DIR, 'inputs.json');

interface KeptInputs {
  /** Repository-relative files outside web/ that the build read. */
  outside: string[];
  fingerprint: string;
}

/** Made as `npm start`'s synthesized app is fingerprinted (sourceFingerprint), with the test's defines. */
function fingerprintOf(outside: readonly string[]): string {
  return sourceFingerprint(repoRoot, ['web', ...outside, 'package-lock.json'], { DEFINE });
}

function keptBuildIsCurrent(): boolean {
  if (!existsSync(INPUTS_FILE) || !existsSync(join(outDir, 'index.html'))) return false;
  const kept = JSON.parse(readFileSync(INPUTS_FILE, 'utf8')) as KeptInputs;
  return fingerprintOf(kept.outside) === kept.fingerprint;
}

/** Records the files outside web/ and node_modules that the build's module graph read. */
function recordOutsideInputs(files: Set<string>): Plugin {
  return {
    name: 'record-outside-inputs',
    buildEnd() {
      for (const id of this.getModuleIds()) {
        // Virtual modules start with \0; a query (`?vue&type=style`) names a part of a file already listed.
        const path = id.split('?')[0] ?? id;
        const file = relative(repoRoot, path);
        if (id.startsWith('\0') || !existsSync(path) || file.startsWith('web/') || file.split('/').includes('node_modules')) continue;
        files.add(file);
      }
    },
  };
}

describe('production build of the web app', () => {
  beforeAll(async () => {
    if (keptBuildIsCurrent()) return;
    rmSync(INPUTS_FILE, { force: true });
    mkdirSync(KEPT_DIR, { recursive: true });
    const outside = new Set<string>();
    // vitest sets NODE_ENV=test, which would make Vite bundle Vue's development build (4 kB more, gzipped):
    // build as `npm run build:web` does, so the bundle budget (enforced by the config's plugin) sees the real size.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    await build({
      configFile: join(webRoot, 'vite.config.ts'),
      logLevel: 'silent',
      define: DEFINE,
      plugins: [recordOutsideInputs(outside)],
      build: { outDir, emptyOutDir: true },
    }).finally(() => {
      process.env.NODE_ENV = nodeEnv;
    });
    const files = [...outside].sort();
    const kept: KeptInputs = { outside: files, fingerprint: fingerprintOf(files) };
    writeFileSync(INPUTS_FILE, `${JSON.stringify(kept, null, 2)}\n`);
  }, 120_000);

  it('writes an index.html that loads hashed assets', async () => {
    const html = await readFile(join(outDir, 'index.html'), 'utf8');
    expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js"><\/script>/);
    expect(html).toMatch(/\/assets\/index-[\w-]+\.css/);
  });

  it('bundles the app with its API settings and without React', async () => {
    const assets = await readdir(join(outDir, 'assets'));
    const script = assets.find((name) => name.startsWith('index-') && name.endsWith('.js'));
    expect(script).toBeDefined();
    const code = await readFile(join(outDir, 'assets', script ?? ''), 'utf8');
    expect(code).toContain('https://example.appsync-api.eu-west-1.amazonaws.com/graphql');
    expect(code).toContain('da2-build-test');
    expect(code).toContain('one-time-code');
    expect(code).not.toMatch(/from\s*["']react["']/);
  });

  it('leaves Amplify Auth out of the first load: the sign-in pages bring it when opened', async () => {
    const assets = await readdir(join(outDir, 'assets'));
    const scripts = await Promise.all(
      assets.filter((name) => name.endsWith('.js')).map(async (name) => ({ name, code: await readFile(join(outDir, 'assets', name), 'utf8') })),
    );
    // Cognito's wire names: only Amplify's client speaks them.
    const amplify = scripts.filter(({ code }) => code.includes('AWSCognitoIdentityProviderService') && code.includes('CUSTOM_WITH_SRP'));
    expect(amplify.map(({ name }) => name)).toEqual([expect.not.stringMatching(/^index-/)]);
    const entry = scripts.find(({ name }) => name.startsWith('index-'));
    expect(entry?.code).not.toContain('AWSCognitoIdentityProviderService');
    // The entry reaches the sign-in pages only through dynamic imports.
    expect(entry?.code).toMatch(/import\("\.\/SignInView-[\w-]+\.js"\)/);
  });
});
