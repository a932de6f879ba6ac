/**
 * The command's config file, loaded by the compiled command (bin/compiled-package.mjs) without a TypeScript loader:
 * bundled with the modules it imports by path, each keeping its own location; through tsx when it imports a package
 * that ships TypeScript.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { bundleRecordFile, importBundledConfig } from './bundle-config.ts';
import { runCli } from './run-cli.ts';

const apps: string[] = [];
afterAll(() => apps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/**
 * An app whose config is valid only when its helper module read its own folder (`import.meta.dirname`) and
 * `defineConfig` came from appsync-local: then it names nothing to run, which the command refuses by name.
 */
function appWithConfig(extraImport = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'appsync-local-config-'));
  apps.push(dir);
  writeFileSync(join(dir, 'package.json'), '{"name":"config-test","private":true,"type":"module"}');
  mkdirSync(join(dir, 'tools'));
  mkdirSync(join(dir, 'node_modules', 'ts-only'), { recursive: true });
  symlinkSync(resolve(import.meta.dirname, '..'), join(dir, 'node_modules', 'appsync-local'), 'dir');
  writeFileSync(join(dir, 'node_modules', 'ts-only', 'package.json'), '{"name":"ts-only","type":"module","exports":"./index.ts"}');
  writeFileSync(join(dir, 'node_modules', 'ts-only', 'index.ts'), 'export const typed: string = "ts-only";\n');
  writeFileSync(join(dir, 'tools', 'helper.ts'), 'export const helperDir: string = import.meta.dirname;\n');
  writeFileSync(
    join(dir, 'appsync-local.config.ts'),
    `import { defineConfig } from 'appsync-local';\nimport { helperDir } from './tools/helper.ts';\n${extraImport}\n` +
      `export default helperDir === ${JSON.stringify(join(dir, 'tools'))} ? defineConfig({ name: 'config-test' }) : null;\n`,
  );
  return dir;
}

describe('the config file', () => {
  it('bundles without a TypeScript loader, with appsync-local as the given package, unless a package ships TypeScript', async () => {
    const dir = appWithConfig();
    const entry = join(dir, 'compiled-index.mjs');
    writeFileSync(entry, 'export const defineConfig = (config) => ({ ...config, from: "the given package" });\n');
    const loaded = (await importBundledConfig(join(dir, 'appsync-local.config.ts'), pathToFileURL(entry).href)) as { default: unknown };
    expect(loaded.default).toEqual({ name: 'config-test', from: 'the given package' });

    const tsOnly = appWithConfig("import { typed } from 'ts-only';\nconsole.log(typed);");
    await expect(importBundledConfig(join(tsOnly, 'appsync-local.config.ts'), pathToFileURL(entry).href)).rejects.toThrow(/\.ts/);
    expect(readdirSync(join(tsOnly, 'node_modules', '.cache', 'appsync-local'))).toEqual([]);
  });

  it('keeps the bundle for the next start while the files it was made from, and the package, are unchanged', async () => {
    const dir = appWithConfig();
    const cache = join(dir, 'node_modules', '.cache', 'appsync-local');
    const entry = join(dir, 'compiled-index.mjs');
    writeFileSync(entry, 'export const defineConfig = (config) => ({ ...config, from: "the given package" });\n');
    const config = join(dir, 'appsync-local.config.ts');
    const load = async (packageEntry = entry) => ((await importBundledConfig(config, pathToFileURL(packageEntry).href)) as { default: unknown }).default;

    expect(await load()).toEqual({ name: 'config-test', from: 'the given package' });
    const [kept] = readdirSync(cache).filter((name) => name.endsWith('.mjs'));
    const keptAt = statSync(join(cache, kept!)).mtimeMs;
    expect(await load()).toEqual({ name: 'config-test', from: 'the given package' });
    const record = bundleRecordFile(cache, config);
    expect(readdirSync(cache).sort()).toEqual([kept, basename(record)].sort());
    expect(statSync(join(cache, kept!)).mtimeMs).toBe(keptAt);

    // A module the config imports by path changes: bundled again, the old bundle removed.
    writeFileSync(join(dir, 'tools', 'helper.ts'), 'export const helperDir: string = "moved";\n');
    expect(await load()).toBeNull();
    expect(readdirSync(cache).filter((name) => name.endsWith('.mjs'))).not.toContain(kept);
    expect(readdirSync(cache)).toHaveLength(2);

    // Another package entry (the package was compiled anew): bundled again for it.
    writeFileSync(join(dir, 'tools', 'helper.ts'), 'export const helperDir: string = import.meta.dirname;\n');
    const other = join(dir, 'other-index.mjs');
    writeFileSync(other, 'export const defineConfig = (config) => ({ ...config, from: "the other package" });\n');
    expect(await load(other)).toEqual({ name: 'config-test', from: 'the other package' });
    expect(JSON.parse(readFileSync(record, 'utf8'))).toMatchObject({ packageEntry: pathToFileURL(other).href });
  });

  it('keeps each project\'s own bundle where projects share one node_modules, their configs of the same name', async () => {
    const first = appWithConfig();
    const second = appWithConfig();
    // The second project's node_modules is the first's (as a test's copied apps link the repository's).
    rmSync(join(second, 'node_modules'), { recursive: true });
    symlinkSync(join(first, 'node_modules'), join(second, 'node_modules'), 'dir');
    writeFileSync(join(second, 'appsync-local.config.ts'), "export default { name: 'the second project' };\n");
    const entry = pathToFileURL(join(first, 'compiled-index.mjs')).href;
    writeFileSync(join(first, 'compiled-index.mjs'), 'export const defineConfig = (config) => config;\n');
    const load = async (dir: string) => ((await importBundledConfig(join(dir, 'appsync-local.config.ts'), entry)) as { default: unknown }).default;
    for (let round = 0; round < 2; round += 1) {
      expect(await load(first)).toEqual({ name: 'config-test' });
      expect(await load(second)).toEqual({ name: 'the second project' });
    }
    const cache = join(first, 'node_modules', '.cache', 'appsync-local');
    expect(readdirSync(cache).filter((name) => name.endsWith('.bundle.json')).sort()).toEqual(
      [basename(bundleRecordFile(cache, join(first, 'appsync-local.config.ts'))), basename(bundleRecordFile(cache, join(second, 'appsync-local.config.ts')))].sort(),
    );
  });

  it.each([
    ['bundled: its modules imported by path keep their own folder', '', 2],
    ['through tsx when it imports a package that ships TypeScript', "import { typed } from 'ts-only';\nif (typed !== 'ts-only') throw new Error(typed);", 0],
  ])('is loaded %s', async (_how, extraImport, kept) => {
    const dir = appWithConfig(extraImport);
    const cli = runCli(['start'], dir);
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toContain('Nothing to run: give --app');
    // A bundle that loaded is kept in the project's node_modules/.cache with its record; one that did not, removed.
    expect(readdirSync(join(dir, 'node_modules', '.cache', 'appsync-local'))).toHaveLength(kept);
  }, 60_000);
});
