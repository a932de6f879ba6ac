/**
 * `util`, `runtime` and `extensions` are globals of APPSYNC_JS code: @aws-appsync/utils's index.d.ts declares them in
 * `declare global`, and https://docs.aws.amazon.com/appsync/latest/devguide/runtime-utils-js.html uses `util` without
 * an import in its examples.
 */
import { describe, expect, it } from 'vitest';
import { readFixture } from './fixtures/read-fixture.ts';
import { loadModule } from './load-module.ts';
import { testContext } from './test-context.ts';

describe('globals of resolver code', () => {
  const mod = loadModule(readFixture('global-utils.js'), 'fixtures/global-utils.js');

  it('provides util and extensions without an import', () => {
    const evaluation = mod.evaluate('request', testContext({ arguments: { id: 'a1' } }));
    expect(evaluation.error).toBeUndefined();
    expect(evaluation.result).toEqual({ id: 'a1', empty: true, encoded: 'aGk=' });
    expect(evaluation.subscriptionFilter).toEqual({
      filterGroup: [{ filters: [{ fieldName: 'id', operator: 'eq', value: 'a1' }] }],
    });
  });

  it('provides runtime without an import', () => {
    const evaluation = mod.evaluate('request', testContext({ arguments: { id: 'a1', stop: true } }));
    expect(evaluation.earlyReturn?.value).toEqual({ stopped: true });
  });

  it('util.error from the global util stops the handler like the imported one', () => {
    expect(mod.evaluate('response', testContext()).error).toMatchObject({ message: 'from global util', errorType: 'GlobalError' });
  });

  it('keeps explicit (and renamed) imports working: the import and the global are the same object', () => {
    const renamed = loadModule(readFixture('renamed-import.js'), 'fixtures/renamed-import.js');
    expect(renamed.evaluate('request', testContext()).result).toEqual({ same: true, id: 36 });
  });

  it('the globals are frozen like every other built-in', () => {
    const writer = loadModule(`export function request() { util.isNull = () => 1; return {}; }`, 'writer.js');
    expect(writer.evaluate('request', testContext()).error?.message).toMatch(/TypeError/);
  });
});
