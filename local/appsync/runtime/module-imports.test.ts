/** Imports of modules the runtime does not provide are refused at load time, with their line, and no filesystem path. */
import { describe, expect, it } from 'vitest';
import { readFixture } from './fixtures/read-fixture.ts';
import { loadModule } from './load-module.ts';
import { findUnsupportedImports, SUPPORTED_MODULES } from './module-imports.ts';
import { ModuleLoadError } from './signals.ts';

describe('findUnsupportedImports', () => {
  it('finds imports, re-exports and dynamic imports of other modules, with 1-based positions', () => {
    const code = [
      "import { util } from '@aws-appsync/utils';",
      "import * as ddb from '@aws-appsync/utils/dynamodb';",
      "import lodash from 'lodash';",
      "export { x } from './local.js';",
      "export * from 'node:path';",
      'export function request() { return import(`x`); }',
      "export function response() { return require('node:fs'); }",
    ].join('\n');
    expect(findUnsupportedImports(code)).toEqual([
      { specifier: 'lodash', line: 3, column: 1 },
      { specifier: './local.js', line: 4, column: 1 },
      { specifier: 'node:path', line: 5, column: 1 },
      { specifier: '<computed>', line: 6, column: 36 },
      { specifier: 'node:fs', line: 7, column: 37 },
    ]);
  });

  it('accepts every supported module and code that does not parse (syntax errors are reported elsewhere)', () => {
    const code = SUPPORTED_MODULES.map((name, index) => `import * as m${index} from '${name}';`).join('\n');
    expect(findUnsupportedImports(code)).toEqual([]);
    expect(findUnsupportedImports('export function request( {')).toEqual([]);
  });
});

describe('loading code with an unsupported import', () => {
  const code = readFixture('unsupported-import.js');
  const load = () => loadModule(code, '/home/someone/project/cdk.out/asset.abc123/Query.hello.js');

  it('fails at load time with the line and column in code.js', () => {
    expect(load).toThrow(ModuleLoadError);
    expect(load).toThrow('code.js:4:1: unsupported import "node:fs"');
  });

  it('names the source by its file name only: no filesystem path in a message a client may see', () => {
    expect(load).toThrow(/^Cannot load APPSYNC_JS module Query\.hello\.js: /);
    expect(load).not.toThrow(/\/home\/someone/);
  });
});
