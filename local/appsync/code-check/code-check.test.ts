import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAppSyncServer } from '../server.ts';
import { AppSyncCodeCheckError, checkApiCode } from './check-api-code.ts';
import { LINT_CACHE_DIR, lintAppSyncCode, lintCacheKey } from './lint-code.ts';
import { helloCode, noneOnlyServerOptions, oneResolverApi } from './test-api.ts';

const IAM = { accessKeyId: 'AKIDCODECHECK', secretAccessKey: 'code-check-secret' };

/** Small bad modules, each breaking one APPSYNC_JS rule, with the line the violation is on. */
const BAD_MODULES = {
  'try/catch': {
    rule: '@aws-appsync/no-try',
    line: 2,
    code: `export function request(ctx) {\n  try { return {}; } catch (e) { return {}; }\n}\nexport function response(ctx) { return ctx.result; }\n`,
  },
  class: {
    rule: '@aws-appsync/no-classes',
    line: 1,
    code: `class Thing {}\nexport function request() { return {}; }\nexport function response(ctx) { return ctx.result; }\n`,
  },
  async: {
    rule: '@aws-appsync/no-async',
    line: 1,
    code: `export async function request() { return {}; }\nexport function response(ctx) { return ctx.result; }\n`,
  },
  while: {
    rule: '@aws-appsync/no-while',
    line: 3,
    code: `export function request(ctx) {\n  let n = 0;\n  while (n < 3) n += 1;\n  return { payload: n };\n}\nexport function response(ctx) { return ctx.result; }\n`,
  },
} as const;

describe('lintAppSyncCode', () => {
  it('accepts code within the APPSYNC_JS rules', () => {
    expect(lintAppSyncCode(helloCode('hi'), { diskCache: false })).toEqual([]);
  });

  it('keeps results on disk by code hash', () => {
    const code = helloCode(`disk-cache-${randomUUID()}`);
    const file = join(LINT_CACHE_DIR, `${lintCacheKey(code)}.json`);
    try {
      expect(lintAppSyncCode(code)).toEqual([]);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([]);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it.each(Object.entries(BAD_MODULES))('reports %s with its rule and line', (_name, bad) => {
    const violations = lintAppSyncCode(bad.code, { diskCache: false });
    expect(violations.map((v) => [v.ruleId, v.line])).toContainEqual([bad.rule, bad.line]);
  });

  it('reports a syntax error without a rule id', () => {
    const [violation] = lintAppSyncCode('export function request( {', { diskCache: false });
    expect(violation?.ruleId).toBeNull();
    expect(violation?.message).toMatch(/Parsing error/);
  });
});

describe('checkApiCode', () => {
  it('names the resolver, code path, position and rule', () => {
    const error = (() => {
      try {
        checkApiCode(oneResolverApi(BAD_MODULES['try/catch'].code, 'dist/resolvers/Query.hello.js'));
      } catch (thrown) {
        return thrown;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(AppSyncCodeCheckError);
    expect((error as AppSyncCodeCheckError).violations).toEqual([
      'Resolver Query.hello (dist/resolvers/Query.hello.js:2:3): try/catch is not supported in APPSYNC_JS (@aws-appsync/no-try)',
    ]);
  });

  it('checks pipeline functions too', () => {
    const api = oneResolverApi(helloCode('ok'));
    api.functions = {
      F1: { id: 'F1', name: 'loop', dataSource: 'none', code: BAD_MODULES.while.code, codePath: 'f1.js', runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' } },
    };
    expect(() => checkApiCode(api)).toThrow(/Function loop \(f1\.js:3:3\): while and do…while loops are not supported/);
  });
});

describe('the engine refuses code that breaks the rules', () => {
  const serverOptions = (code: string) => noneOnlyServerOptions(oneResolverApi(code), IAM);

  it('at start', async () => {
    await expect(startAppSyncServer(serverOptions(BAD_MODULES.class.code))).rejects.toThrow(
      /Resolver Query\.hello \(dist\/resolvers\/Query\.hello\.js:1:1\): classes are not supported/,
    );
  });

  it('at reload, keeping the old code running', async () => {
    const server = await startAppSyncServer(serverOptions(helloCode('old')));
    try {
      expect(() => server.reload(oneResolverApi(BAD_MODULES.async.code))).toThrow(AppSyncCodeCheckError);
      const response = await fetch(server.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'da2-codechecktest00000000000000' },
        body: JSON.stringify({ query: '{ hello }' }),
      });
      expect(await response.json()).toEqual({ data: { hello: 'old' } });
    } finally {
      await server.stop();
    }
  });
});
