import { describe, expect, it } from 'vitest';
import { compileModule } from './compile-module.ts';
import { findUnsupportedImports } from './module-imports.ts';

describe('the cache of compiled APPSYNC_JS code', () => {
  it('gives the runtime the same compiled module and import scan as compiling afresh', () => {
    const code = `import { util } from '@aws-appsync/utils';\nimport fs from 'node:fs';\nexport function request(ctx) {\n  for (const x of ctx.args.list) util.error(x);\n  return {};\n}\n`;
    expect(compileModule(code, 'a.js')).toEqual(compileModule(code, 'b.js'));
    expect(findUnsupportedImports(code)).toEqual([{ specifier: 'node:fs', line: 2, column: 1 }]);
    expect(findUnsupportedImports(code)).toEqual([{ specifier: 'node:fs', line: 2, column: 1 }]);
    // A syntax error is the module's own, named by its source, each time.
    expect(() => compileModule('export function (', 'broken.js')).toThrow(/broken\.js/);
    expect(() => compileModule('export function (', 'other.js')).toThrow(/other\.js/);
  });
});
