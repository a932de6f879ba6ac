import appsync from '@aws-appsync/eslint-plugin';
import { ESLint, type Linter } from 'eslint';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_RESOLVER_CODE_LENGTH, bundleAll, bundleResolver, discoverResolvers, resolversDir } from './build.ts';

const scratch = mkdtempSync(join(tmpdir(), 'resolvers-build-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A resolvers folder laid out in `files` (path → content). */
function fixture(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const HANDLERS = 'export function request() { return {}; }\nexport function response(ctx) { return ctx.result; }\n';

describe('discoverResolvers', () => {
  it('finds the project\'s resolvers', () => {
    const describe = (r: ReturnType<typeof discoverResolvers>[number]) => [
      `${r.typeName}.${r.fieldName}`,
      r.kind,
      r.dataSource,
      r.functions.map((fn) => `${fn.name}:${fn.dataSource}`),
    ];
    expect(discoverResolvers().map(describe)).toEqual([
      ['Mutation.consumeVerification', 'UNIT', 'table', []],
      ['Mutation.generateOtp', 'UNIT', 'table', []],
      ['Mutation.generateSmsOtp', 'UNIT', 'table', []],
      ['Mutation.publishOtpVerified', 'UNIT', 'table', []],
      [
        'Mutation.verifyOtp',
        'PIPELINE',
        undefined,
        [
          '1-countAttempt:table',
          '2-checkCode:kms',
          '3-checkCode:kms',
          '4-checkCode:kms',
          '5-verifySession:table',
          '6-countMailboxFailure:table',
          '7-lockMailbox:table',
          '9-signToken:kms',
        ],
      ],
      ['Query.verification', 'UNIT', 'table', []],
    ]);
    expect(discoverResolvers()[4]?.entry).toBe(join(resolversDir, 'Mutation.verifyOtp', 'resolver.ts'));
  });

  it('orders pipeline functions by number, not by name, and skips what is not a resolver', () => {
    const dir = fixture('layout', {
      'Query.a.[none].ts': HANDLERS,
      'Query.a.[none].test.ts': '',
      'build.ts': '',
      'lib/Query.hidden.[none].ts': HANDLERS,
      'generated/schema.ts': '',
      'Mutation.b/resolver.ts': HANDLERS,
      'Mutation.b/10-last.[table].ts': HANDLERS,
      'Mutation.b/2-second.[none].ts': HANDLERS,
      'Mutation.b/1-first.[table].ts': HANDLERS,
      'Mutation.b/1-first.[table].test.ts': '',
    });
    const found = discoverResolvers(dir);
    expect(found.map((r) => `${r.typeName}.${r.fieldName}:${r.kind}:${r.dataSource}`)).toEqual(['Mutation.b:PIPELINE:undefined', 'Query.a:UNIT:none']);
    expect(found[0]?.functions.map((fn) => `${fn.name}:${fn.dataSource}`)).toEqual(['1-first:table', '2-second:none', '10-last:table']);
    expect(found[0]?.functions[0]?.entry).toBe(join(dir, 'Mutation.b', '1-first.[table].ts'));
  });

  it('lists a function named N..M-name once per position N to M, each from the same file', () => {
    const dir = fixture('range', {
      'Mutation.r/resolver.ts': HANDLERS,
      'Mutation.r/1-first.[table].ts': HANDLERS,
      'Mutation.r/2..4-check.[kms].ts': HANDLERS,
      'Mutation.r/5-last.[table].ts': HANDLERS,
    });
    const [found] = discoverResolvers(dir);
    expect(found?.functions.map((fn) => `${fn.name}:${fn.dataSource}`)).toEqual(['1-first:table', '2-check:kms', '3-check:kms', '4-check:kms', '5-last:table']);
    expect(new Set(found?.functions.slice(1, 4).map((fn) => fn.entry))).toEqual(new Set([join(dir, 'Mutation.r', '2..4-check.[kms].ts')]));
    expect(() =>
      discoverResolvers(fixture('range-overlap', { 'Mutation.s/resolver.ts': HANDLERS, 'Mutation.s/2..3-a.[none].ts': HANDLERS, 'Mutation.s/3-b.[none].ts': HANDLERS })),
    ).toThrow(/same number/);
    expect(() => discoverResolvers(fixture('range-empty', { 'Mutation.t/resolver.ts': HANDLERS, 'Mutation.t/3..3-a.[none].ts': HANDLERS }))).toThrow(
      /a range N\.\.M needs M > N/,
    );
  });

  it('refuses a file that does not name its data source, so no resolver is left out unnoticed', () => {
    expect(() => discoverResolvers(fixture('unnamed-unit', { 'Query.a.ts': HANDLERS }))).toThrow(/Query\.a\.ts is not named Type\.field\.\[dataSource\]\.ts/);
    expect(() =>
      discoverResolvers(fixture('unnamed-function', { 'Mutation.b/resolver.ts': HANDLERS, 'Mutation.b/1-first.ts': HANDLERS })),
    ).toThrow(/1-first\.ts is not named N-name\.\[dataSource\]\.ts/);
  });

  it('refuses a pipeline folder without resolver.ts, and one with two functions of the same number', () => {
    expect(() => discoverResolvers(fixture('no-resolver', { 'Mutation.c/1-only.[none].ts': HANDLERS }))).toThrow(/resolver\.ts/);
    expect(() =>
      discoverResolvers(
        fixture('duplicate', { 'Mutation.d/resolver.ts': HANDLERS, 'Mutation.d/1-a.[none].ts': HANDLERS, 'Mutation.d/1-b.[none].ts': HANDLERS }),
      ),
    ).toThrow(/same number/);
  });
});

describe('bundleResolver', () => {
  it('inlines project imports, keeps @aws-appsync/utils external and maps back to the sources without their content', () => {
    const code = bundleResolver(join(resolversDir, 'Mutation.verifyOtp', 'resolver.ts'));
    expect(code).toMatch(/^import \{[^}]*\butil\b[^}]*\} from "@aws-appsync\/utils";$/m);
    expect(code).not.toMatch(/from "\.\.?\//);
    expect(code).toContain('function normalizeCode(');
    expect(code).toMatch(/^export \{\n {2}request,\n {2}response\n\};$/m);
    const map = /\/\/# sourceMappingURL=data:application\/json;base64,(\S+)\s*$/.exec(code);
    expect(map).not.toBeNull();
    const sourceMap = JSON.parse(Buffer.from(map?.[1] ?? '', 'base64').toString('utf8'));
    expect(sourceMap.sources).toContain('resolvers/lib/input.ts');
    expect(sourceMap.sourcesContent).toBeUndefined();
  });
});

describe('bundleResolver and AppSync\'s code size limit', () => {
  /** A handler whose code is `lines` statements long, so its bundle size can be steered. */
  function handlerOf(name: string, lines: number): string {
    const path = join(scratch, `${name}.ts`);
    const body = Array.from({ length: lines }, (_, i) => `  total = total + ${i};`).join('\n');
    writeFileSync(path, `export function request() {\n  let total = 0;\n${body}\n  return { total };\n}\nexport function response(ctx: { result: unknown }) {\n  return ctx.result;\n}\n`);
    return path;
  }

  it('leaves the source map out of a bundle it would push past 32,768 characters', () => {
    const code = bundleResolver(handlerOf('near-limit', 1000));
    expect(code.length).toBeLessThanOrEqual(MAX_RESOLVER_CODE_LENGTH);
    expect(code).toContain('total = total + 999;');
    expect(code).not.toContain('sourceMappingURL');
  });

  it('refuses a bundle over the limit even without its map', () => {
    expect(() => bundleResolver(handlerOf('over-limit', 2000))).toThrow(/bundles to \d+ characters; AppSync accepts at most 32768/);
  });

  it('fits every resolver of the service', () => {
    for (const resolver of discoverResolvers()) {
      for (const entry of [resolver.entry, ...resolver.functions.map((fn) => fn.entry)]) {
        expect(bundleResolver(entry).length, entry).toBeLessThanOrEqual(MAX_RESOLVER_CODE_LENGTH);
      }
    }
  });
});

describe('bundleAll', () => {
  const outDir = join(scratch, 'dist');
  const bundles = bundleAll(outDir);
  const files = bundles.flatMap((r) => [r.outfile, ...r.functions.map((fn) => fn.outfile)]);

  it('writes one module per resolver and per pipeline function', () => {
    expect(files.map((file) => file.slice(outDir.length + 1))).toEqual([
      'Mutation.consumeVerification.js',
      'Mutation.generateOtp.js',
      'Mutation.generateSmsOtp.js',
      'Mutation.publishOtpVerified.js',
      'Mutation.verifyOtp.js',
      'Mutation.verifyOtp.1-countAttempt.js',
      'Mutation.verifyOtp.2-checkCode.js',
      'Mutation.verifyOtp.3-checkCode.js',
      'Mutation.verifyOtp.4-checkCode.js',
      'Mutation.verifyOtp.5-verifySession.js',
      'Mutation.verifyOtp.6-countMailboxFailure.js',
      'Mutation.verifyOtp.7-lockMailbox.js',
      'Mutation.verifyOtp.9-signToken.js',
      'Query.verification.js',
    ]);
    for (const file of files) expect(existsSync(file), file).toBe(true);
  });

  it('emits only what APPSYNC_JS accepts (the AppSync lint rules on the bundled code, and no esbuild helpers)', async () => {
    // The plugin's base rules need no type information, so they can check esbuild's JavaScript output itself.
    const base = appsync.configs?.base as Linter.Config | undefined;
    expect(base?.rules).toBeDefined();
    const eslint = new ESLint({
      cwd: outDir,
      overrideConfigFile: true,
      overrideConfig: [{ ...base, files: ['**/*.js'] }],
    });
    // The check itself must catch what it is for.
    const [control] = await eslint.lintText('let i = 0;\ni++;\ntry { i = 1; } catch (e) { i = 2; }\n', {
      filePath: join(outDir, 'control.js'),
    });
    expect(control?.messages.map((m) => m.ruleId)).toEqual([
      '@aws-appsync/no-disallowed-unary-operators',
      '@aws-appsync/no-try',
    ]);
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      const [report] = await eslint.lintText(code, { filePath: file });
      expect(report?.messages.map((m) => `${m.ruleId}: ${m.message} (line ${m.line})`), file).toEqual([]);
      // esbuild's runtime helpers (__publicField, __async, __toESM, …) would be classes, generators or `this`.
      expect(code, file).not.toMatch(/\b__[A-Za-z]+\(/);
      expect(code, file).not.toMatch(/\bclass\s|\binstanceof\b|\bnew RegExp\b|\bfor \([^)]*;/);
    }
  });
});
