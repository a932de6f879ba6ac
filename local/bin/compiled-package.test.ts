import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledPackage } from './compiled-package.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'compiled-package-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let packages = 0;

/** A package of its own: an entry importing a TypeScript module and a plain one, each reading files beside itself. */
function fakePackage(): string {
  const dir = join(scratch, `package-${packages++}`);
  mkdirSync(join(dir, 'lib'), { recursive: true });
  mkdirSync(join(dir, 'fixtures'));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  writeFileSync(join(dir, 'lib', 'data.txt'), 'beside the source');
  writeFileSync(join(dir, 'lib', 'plain.mjs'), 'export const plain = "not compiled";\n');
  writeFileSync(
    join(dir, 'lib', 'reader.ts'),
    `import { readFileSync } from 'node:fs';\nimport { join } from 'node:path';\n` +
      `export const read = (): string => readFileSync(join(import.meta.dirname, 'data.txt'), 'utf8');\n` +
      `export const where: string = import.meta.url;\n`,
  );
  writeFileSync(
    join(dir, 'index.ts'),
    `import { read, where } from './lib/reader.ts';\nimport { plain } from './lib/plain.mjs';\n` +
      `type Answer = { text: string; where: string; plain: string; lazy: () => Promise<unknown> };\n` +
      `export const answer: Answer = { text: read(), where, plain, lazy: () => import('./lib/reader.ts') };\n`,
  );
  writeFileSync(join(dir, 'index.test.ts'), 'throw new Error("tests are not compiled");\n');
  writeFileSync(join(dir, 'fixtures', 'case.ts'), 'export const fixture = 1;\n');
  return dir;
}

type Answer = { text: string; where: string; plain: string; lazy: () => Promise<{ read: () => string }> };

describe('the compiled package', () => {
  it('runs without a TypeScript loader, each module reading beside its source and importing by its compiled path', async () => {
    const dir = fakePackage();
    const compiled = (await compiledPackage({ packageDir: dir }))!;
    expect(compiled.dir.startsWith(join(dir, 'dist'))).toBe(true);
    const files = readdirSync(compiled.dir, { recursive: true, encoding: 'utf8' }).sort();
    // Tests and fixtures are left out; the plain module stays where it is.
    expect(files).toEqual(['SOURCES', 'index.js', 'lib', 'lib/reader.js']);
    const source = readFileSync(join(compiled.dir, 'index.js'), 'utf8');
    expect(source).toContain('"./lib/reader.js"');
    expect(source).not.toMatch(/\.ts['"]/);

    const { answer } = (await import(pathToFileURL(join(compiled.dir, 'index.js')).href)) as { answer: Answer };
    expect(answer).toMatchObject({ text: 'beside the source', where: pathToFileURL(join(dir, 'lib', 'reader.ts')).href, plain: 'not compiled' });
    expect((await answer.lazy()).read()).toBe('beside the source');
  });

  it('reuses the output while the sources are unchanged, and compiles anew, beside it, when one changes', async () => {
    const dir = fakePackage();
    const first = (await compiledPackage({ packageDir: dir }))!;
    writeFileSync(join(first.dir, 'marker'), '');
    expect((await compiledPackage({ packageDir: dir }))!.dir).toBe(first.dir);
    expect(existsSync(join(first.dir, 'marker'))).toBe(true);

    writeFileSync(join(dir, 'lib', 'data.txt'), 'not a source: same output');
    expect((await compiledPackage({ packageDir: dir }))!.dir).toBe(first.dir);
    writeFileSync(join(dir, 'lib', 'reader.ts'), `export const read = (): string => 'changed';\nexport const where = '';\n`);
    const second = (await compiledPackage({ packageDir: dir }))!;
    expect(second.dir).not.toBe(first.dir);
    expect(readFileSync(join(second.dir, 'lib', 'reader.js'), 'utf8')).toContain('changed');
    // A running stack may still import lazily from the older output: it stays until unused for a day.
    expect(existsSync(first.dir)).toBe(true);
  });

  it('compiles anew for a copy of the package elsewhere: the output names its sources\' own folder', async () => {
    const dir = fakePackage();
    const first = (await compiledPackage({ packageDir: dir }))!;
    const copy = join(scratch, `package-${packages++}`);
    cpSync(dir, copy, { recursive: true });
    const second = (await compiledPackage({ packageDir: copy }))!;
    expect(second.dir.startsWith(join(copy, 'dist'))).toBe(true);
    expect(second.dir.split('/').at(-1)).not.toBe(first.dir.split('/').at(-1));
    const { answer } = (await import(pathToFileURL(join(second.dir, 'index.js')).href)) as { answer: Answer };
    expect(answer.where).toBe(pathToFileURL(join(copy, 'lib', 'reader.ts')).href);
  });

  it('gives concurrent first starts one complete output and leaves no temporary folder', async () => {
    const dir = fakePackage();
    const results = await Promise.all([1, 2, 3].map(() => compiledPackage({ packageDir: dir })));
    expect(new Set(results.map((result) => result!.dir)).size).toBe(1);
    expect(readdirSync(join(dir, 'dist'))).toEqual([results[0]!.dir.split('/').at(-1)]);
    expect(readdirSync(results[0]!.dir, { recursive: true, encoding: 'utf8' }).sort()).toEqual(['SOURCES', 'index.js', 'lib', 'lib/reader.js']);
  });

  it('answers undefined (the command then runs the sources through tsx) when it cannot compile', async () => {
    const broken = fakePackage();
    writeFileSync(join(broken, 'lib', 'reader.ts'), 'export const read = (: string => ;\n');
    expect(await compiledPackage({ packageDir: broken })).toBeUndefined();
    expect(readdirSync(join(broken, 'dist'))).toEqual([]);

    // Nowhere to write (a file where the output folder would go; as root, permissions would not stop the write).
    const unwritable = fakePackage();
    writeFileSync(join(unwritable, 'dist'), '');
    expect(await compiledPackage({ packageDir: unwritable })).toBeUndefined();
    // Outside the package, compiled modules would not find its dependencies.
    const outside = join(scratch, 'outside');
    expect(await compiledPackage({ packageDir: fakePackage(), root: outside })).toBeUndefined();
    expect(existsSync(outside)).toBe(false);
  });
});
