import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.ts';
import { typeScriptAppEntry } from './app-entry.ts';
import { synthesize } from './synth.ts';

/**
 * An app folder with a TypeScript entry that synthesizes nothing but a manifest and a report of what its modules saw:
 * their own folders, an installed package and a linked one that ships TypeScript.
 */
function appFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'app-entry-'));
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write('node_modules/installed/package.json', '{"name":"installed","type":"module","exports":"./index.js"}');
  write('node_modules/installed/index.js', 'export const installed = "installed";\n');
  write('packages/linked/package.json', '{"name":"linked","type":"module","exports":"./index.ts"}');
  write('packages/linked/index.ts', 'export const linked: string = "linked";\n');
  symlinkSync(join(dir, 'packages', 'linked'), join(dir, 'node_modules', 'linked'), 'dir');
  write('lib/where.ts', 'export const where = { dirname: import.meta.dirname, url: import.meta.url, cjsDirname: __dirname, text: "import.meta.url" };\n');
  write(
    'bin/app.ts',
    [
      "import { writeFileSync } from 'node:fs';",
      "import { join } from 'node:path';",
      "import { installed } from 'installed';",
      "import { linked } from 'linked';",
      "import { where } from '../lib/where.ts';",
      'const out: string = process.env.CDK_OUTDIR!;',
      "writeFileSync(join(out, 'manifest.json'), '{}');",
      "writeFileSync(join(out, 'report.json'), JSON.stringify({ entry: import.meta.filename, where, installed, linked }));",
    ].join('\n'),
  );
  write('bin/fails.ts', "const reason: string = 'on purpose';\n\nthrow new Error(`the app failed ${reason}`);\n");
  write('bin/broken.ts', "import { where } from '../lib/where.ts';\nconst = where;\n");
  return dir;
}

const dir = appFolder();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a CDK app given as its TypeScript entry', () => {
  it('is told from a command', () => {
    expect(typeScriptAppEntry('bin/app.ts', dir)).toBe(join(dir, 'bin', 'app.ts'));
    expect(typeScriptAppEntry('node --import tsx bin/app.ts', dir)).toBeUndefined();
    expect(typeScriptAppEntry('bin/missing.ts', dir)).toBeUndefined();
    expect(typeScriptAppEntry('bin/app.js', dir)).toBeUndefined();
  });

  it('runs compiled, each module in its own place, installed packages imported and linked ones compiled in', async () => {
    const outDir = join(dir, 'out');
    await synthesize({ app: 'bin/app.ts', appDir: dir, outDir });
    expect(JSON.parse(readFileSync(join(outDir, 'report.json'), 'utf8'))).toEqual({
      entry: join(dir, 'bin', 'app.ts'),
      where: { dirname: join(dir, 'lib'), url: `file://${join(dir, 'lib', 'where.ts')}`, cjsDirname: join(dir, 'lib'), text: 'import.meta.url' },
      installed: 'installed',
      linked: 'linked',
    });
    // The compiled module is removed once the app has run.
    expect(readdirSync(join(dir, 'node_modules', '.cache', 'appsync-local'))).toEqual([]);
  });

  it('runs compiled from the appsync-local command too (the package compiled, as the command runs it)', async () => {
    const stateDir = join(dir, 'state');
    const cli = runCli(['start', '--app', 'bin/app.ts', '--state-dir', stateDir, '--no-ses', '--no-sms', '--no-watch'], dir);
    // The app synthesizes no stack: the command stops there, after the app ran.
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toContain('synthesized no stack');
    expect(JSON.parse(readFileSync(join(stateDir, 'cdk.out', 'report.json'), 'utf8'))).toMatchObject({ where: { dirname: join(dir, 'lib') }, linked: 'linked' });
  }, 60_000);

  it("reports the app's failure at its own file and line", async () => {
    const failure = synthesize({ app: 'bin/fails.ts', appDir: dir, outDir: join(dir, 'failed') });
    await expect(failure).rejects.toThrow(/the app failed on purpose/);
    await expect(failure).rejects.toThrow(/bin\/fails\.ts:3/);
  });

  it('reports an entry that does not compile at its file and line, and leaves no compiled module behind', async () => {
    const failure = synthesize({ app: 'bin/broken.ts', appDir: dir, outDir: join(dir, 'broken') });
    await expect(failure).rejects.toThrow(/bin\/broken\.ts:2:\d+: ERROR: Expected identifier/);
    expect(readdirSync(join(dir, 'node_modules', '.cache', 'appsync-local'))).toEqual([]);
  });
});
