/**
 * The cache key of `npm run lint`'s typed part (scripts/lint.ts): it must change with every file the typed program
 * reads — the roots and, transitively, what they import — and with the tsconfigs, so that ESLint's per-file cache can
 * never return a type-aware result computed against other types. Checked on a small project in a temporary folder
 * with the real TypeScript resolver, and on the repository's own typed-lint tsconfig against eslint.config.js.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashFiles, typedProgram } from './lint.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('typedProgram and its hash', () => {
  let dir: string;
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  };
  const key = () => {
    const program = typedProgram(join(dir, 'tsconfig.lint.json'));
    return hashFiles([...program.sources, ...program.configs]);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lint-key-'));
    write('tsconfig.base.json', JSON.stringify({ compilerOptions: { strict: true } }));
    write(
      'tsconfig.lint.json',
      JSON.stringify({
        extends: './tsconfig.base.json',
        compilerOptions: {
          module: 'ESNext',
          moduleResolution: 'Bundler',
          allowImportingTsExtensions: true,
          noEmit: true,
          paths: { 'aliased-model': ['./model/aliased.ts'] },
        },
        include: ['src/**/*.ts'],
        exclude: ['**/*.test.ts'],
      }),
    );
    write('src/handler.ts', "import { b } from '../model/b.ts';\nimport { x } from 'aliased-model';\nimport { y } from 'some-package';\nimport type { T } from '../model/types.ts';\nexport const out: T = b + x + y;\n");
    write('src/handler.test.ts', "import { out } from './handler.ts';\nexport const o = out;\n");
    write('model/b.ts', "import { c } from './c.ts';\nexport const b = c;\n");
    write('model/c.ts', 'export const c = 1;\n');
    write('model/aliased.ts', 'export const x = 2;\n');
    write('model/types.ts', 'export type T = number;\n');
    write('model/unrelated.ts', 'export const u = 3;\n');
    write('node_modules/some-package/package.json', JSON.stringify({ name: 'some-package', types: 'index.d.ts' }));
    write('node_modules/some-package/index.d.ts', 'export declare const y: number;\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the roots, every repository file they import (relative, by paths, type-only, transitively) and the tsconfigs', () => {
    const program = typedProgram(join(dir, 'tsconfig.lint.json'));
    const rel = (files: string[]) => files.map((file) => relative(dir, file));
    expect(rel(program.roots)).toEqual(['src/handler.ts']);
    expect(rel(program.sources)).toEqual(['model/aliased.ts', 'model/b.ts', 'model/c.ts', 'model/types.ts', 'src/handler.ts']);
    expect(rel(program.configs)).toEqual(['tsconfig.base.json', 'tsconfig.lint.json']);
  });

  it('changes when a file the roots import changes, however indirectly, and only then', () => {
    const before = key();
    expect(key()).toBe(before);
    write('model/unrelated.ts', 'export const u = 4;\n');
    write('src/handler.test.ts', '// not a root\n');
    write('node_modules/some-package/index.d.ts', 'export declare const y: 1;\n'); // the lockfile's part
    expect(key()).toBe(before);

    write('model/c.ts', "export const c = 'now a string';\n");
    const afterTransitive = key();
    expect(afterTransitive).not.toBe(before);
    write('model/types.ts', 'export type T = string;\n');
    const afterTypeOnly = key();
    expect(afterTypeOnly).not.toBe(afterTransitive);
    write('model/aliased.ts', 'export const x = 5;\n');
    const afterAliased = key();
    expect(afterAliased).not.toBe(afterTypeOnly);
    write('tsconfig.base.json', JSON.stringify({ compilerOptions: { strict: false } }));
    const afterBase = key();
    expect(afterBase).not.toBe(afterAliased);
    write('src/new-root.ts', 'export const n = 1;\n');
    expect(key()).not.toBe(afterBase);
  });

  it('follows an import that starts to point at a new file', () => {
    const before = key();
    write('model/d.ts', 'export const d = 1;\n');
    expect(key()).toBe(before);
    write('model/b.ts', "import { d } from './d.ts';\nexport const b = d;\n");
    const program = typedProgram(join(dir, 'tsconfig.lint.json'));
    expect(program.sources.map((file) => relative(dir, file))).toContain('model/d.ts');
    const withD = key();
    write('model/d.ts', 'export const d = 2;\n');
    expect(key()).not.toBe(withD);
  });
});

describe("the repository's typed-lint program", () => {
  it('has as roots exactly the files eslint.config.js lints with type information', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const roots = new Set(typedProgram(join(ROOT, 'tsconfig.appsync.json')).roots);
    const candidates = ['resolvers', 'infra/model'].flatMap((folder) =>
      readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
        .map((file) => join(ROOT, folder, file))
        .filter((file) => file.endsWith('.ts') && statSync(file).isFile()),
    );
    expect(candidates.length).toBeGreaterThan(20);
    const typedByConfig: string[] = [];
    const linted: string[] = [];
    for (const file of candidates) {
      if (await eslint.isPathIgnored(file)) continue;
      linted.push(file);
      const config = (await eslint.calculateConfigForFile(file)) as { languageOptions?: { parserOptions?: { project?: unknown } } };
      if (config.languageOptions?.parserOptions?.project) typedByConfig.push(file);
    }
    expect(typedByConfig.length).toBeGreaterThan(20);
    // Roots the config ignores (generated code) are skipped by lint as by `eslint .`.
    expect(typedByConfig.sort()).toEqual([...roots].filter((file) => linted.includes(file)).sort());
  });
});
