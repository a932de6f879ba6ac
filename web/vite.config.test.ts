import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

describe('production build of the web app', () => {
  let outDir: string;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'otp-web-build-'));
    // vitest sets NODE_ENV=test, which would make Vite bundle Vue's development build (4 kB more, gzipped):
    // build as `npm run build:web` does, so the bundle budget (enforced by the config's plugin) sees the real size.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    await build({
      configFile: join(webRoot, 'vite.config.ts'),
      logLevel: 'silent',
      // As a deployment would set them (env vars or .env); define keeps the test independent of the environment.
      define: {
        'import.meta.env.VITE_GRAPHQL_URL': JSON.stringify('https://example.appsync-api.eu-west-1.amazonaws.com/graphql'),
        'import.meta.env.VITE_API_KEY': JSON.stringify('da2-build-test'),
      },
      build: { outDir, emptyOutDir: true },
    }).finally(() => {
      process.env.NODE_ENV = nodeEnv;
    });
  }, 120_000);

  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

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
