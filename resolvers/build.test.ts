import appsync from '@aws-appsync/eslint-plugin';
import { ESLint, type Linter } from 'eslint';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleAll, bundleResolver, discoverResolvers, resolversDir } from './build.ts';

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
      ['Mutation.publishOtpVerified', 'UNIT', 'table', []],
      ['Mutation.verifyOtp', 'PIPELINE', undefined, ['1-countAttempt:table', '2-verifySession:table', '3-countMailboxFailure:table', '4-lockMailbox:table']],
      ['Query.verification', 'UNIT', 'table', []],
    ]);
    expect(discoverResolvers()[3]?.entry).toBe(join(resolversDir, 'Mutation.verifyOtp', 'resolver.ts'));
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
    expect(code).toContain('function hmacSha256Hex(');
    expect(code).toMatch(/^export \{\n {2}request,\n {2}response\n\};$/m);
    const map = /\/\/# sourceMappingURL=data:application\/json;base64,(\S+)\s*$/.exec(code);
    expect(map).not.toBeNull();
    const sourceMap = JSON.parse(Buffer.from(map?.[1] ?? '', 'base64').toString('utf8'));
    expect(sourceMap.sources).toContain('resolvers/lib/sha256.ts');
    expect(sourceMap.sourcesContent).toBeUndefined();
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
      'Mutation.publishOtpVerified.js',
      'Mutation.verifyOtp.js',
      'Mutation.verifyOtp.1-countAttempt.js',
      'Mutation.verifyOtp.2-verifySession.js',
      'Mutation.verifyOtp.3-countMailboxFailure.js',
      'Mutation.verifyOtp.4-lockMailbox.js',
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
