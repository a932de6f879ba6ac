import { describe, expect, it } from 'vitest';
import { loadModule } from './load-module.ts';
import { ModuleLoadError } from './signals.ts';
import { testContext } from './test-context.ts';

const RUNTIME_UTILS = 'https://docs.aws.amazon.com/appsync/latest/devguide/runtime-utils-js.html';

describe('loadModule / evaluate', () => {
  it('runs request and response handlers, with helpers and imports', () => {
    const mod = loadModule(
      `import { util } from '@aws-appsync/utils';
       import { get } from '@aws-appsync/utils/dynamodb';
       function keyOf(id) { return { pk: 'THING#' + id }; }
       export function request(ctx) { return { ...get({ key: keyOf(ctx.args.id) }), extra: util.isNull(null) }; }
       export function response(ctx) { return ctx.result.name; }`,
      'resolvers/Query.getThing.js',
    );
    expect(mod.source).toBe('resolvers/Query.getThing.js');
    expect(mod.hasHandler('request')).toBe(true);
    expect(mod.hasHandler('response')).toBe(true);

    const request = mod.evaluate('request', testContext({ arguments: { id: '7' } }));
    expect(request.error).toBeUndefined();
    expect(request.result).toEqual({
      operation: 'GetItem',
      key: { pk: { S: 'THING#7' } },
      extra: true,
    });

    const response = mod.evaluate('response', testContext({ result: { name: 'seven' } }));
    expect(response.result).toBe('seven');
  });

  it('reports a module without a response handler', () => {
    const mod = loadModule('export function request() { return {}; }', 'only-request.js');
    expect(mod.hasHandler('request')).toBe(true);
    expect(mod.hasHandler('response')).toBe(false);
    expect(mod.evaluate('response', testContext()).error?.errorType).toBe('Code');
  });

  it(`util.error stops the handler with { message, errorType, data, errorInfo } (${RUNTIME_UTILS})`, () => {
    const mod = loadModule(
      `import { util } from '@aws-appsync/utils';
       export function request(ctx) {
         if (ctx.args.full) util.error('Full', 'Custom', { a: 1 }, { b: 2 });
         util.error('Only a message');
         return 'unreachable';
       }`,
      'error.js',
    );
    const full = mod.evaluate('request', testContext({ arguments: { full: true } }));
    expect(full.result).toBeUndefined();
    expect(full.error).toEqual({ message: 'Full', errorType: 'Custom', data: { a: 1 }, errorInfo: { b: 2 } });

    const bare = mod.evaluate('request', testContext());
    expect(bare.error).toEqual({ message: 'Only a message', errorType: null, data: null, errorInfo: null });
  });

  it(`util.unauthorized names the field (${RUNTIME_UTILS})`, () => {
    const mod = loadModule(
      `import { util } from '@aws-appsync/utils';
       export function request() { util.unauthorized(); }`,
      'unauthorized.js',
    );
    const ctx = testContext();
    ctx.info = { ...ctx.info, fieldName: 'verification', parentTypeName: 'Query' };
    expect(mod.evaluate('request', ctx).error).toEqual({
      message: 'Not Authorized to access verification on type Query',
      errorType: 'Unauthorized',
      data: null,
      errorInfo: null,
    });
  });

  it(`util.appendError records errors and the handler goes on (${RUNTIME_UTILS})`, () => {
    const mod = loadModule(
      `import { util } from '@aws-appsync/utils';
       export function response(ctx) {
         util.appendError('first', 'A');
         util.appendError('second', 'B', { x: 1 });
         return 'value';
       }`,
      'append.js',
    );
    const out = mod.evaluate('response', testContext());
    expect(out.result).toBe('value');
    expect(out.error).toBeUndefined();
    expect(out.appendedErrors).toEqual([
      { message: 'first', errorType: 'A', data: null, errorInfo: null },
      { message: 'second', errorType: 'B', data: { x: 1 }, errorInfo: null },
    ]);
  });

  it(`runtime.earlyReturn stops with the value and skipTo (${RUNTIME_UTILS})`, () => {
    const mod = loadModule(
      `import { runtime } from '@aws-appsync/utils';
       export function request(ctx) {
         ctx.stash.before = true;
         if (ctx.args.next) runtime.earlyReturn({ cached: 1 }, { skipTo: 'NEXT' });
         runtime.earlyReturn({ cached: 2 });
         ctx.stash.after = true;
         return {};
       }`,
      'early.js',
    );
    const end = mod.evaluate('request', testContext());
    // No skipTo given: the executor decides by where it was called (next function, or the resolver's response).
    expect(end.earlyReturn).toEqual({ value: { cached: 2 } });
    expect(end.result).toEqual({ cached: 2 });
    expect(end.stash).toEqual({ before: true });

    const next = mod.evaluate('request', testContext({ arguments: { next: true } }));
    expect(next.earlyReturn).toEqual({ value: { cached: 1 }, skipTo: 'NEXT' });
  });

  it('returns the mutated stash without touching the caller object', () => {
    const mod = loadModule(
      `export function request(ctx) { ctx.stash.count = (ctx.stash.count ?? 0) + 1; ctx.stash.list.push('b'); return null; }`,
      'stash.js',
    );
    const ctx = testContext({ stash: { count: 1, list: ['a'] } });
    const out = mod.evaluate('request', ctx);
    expect(out.stash).toEqual({ count: 2, list: ['a', 'b'] });
    expect(ctx.stash).toEqual({ count: 1, list: ['a'] });
  });

  it('keeps the stash changes made before util.error', () => {
    const mod = loadModule(
      `import { util } from '@aws-appsync/utils';
       export function request(ctx) { ctx.stash.marker = 'set'; util.error('stop'); }`,
      'stash-error.js',
    );
    expect(mod.evaluate('request', testContext()).stash).toEqual({ marker: 'set' });
  });

  it('deep-copies ctx: the handler cannot change the caller objects', () => {
    const mod = loadModule(
      `export function request(ctx) {
         ctx.args.nested.value = 'changed';
         ctx.identity.sub = 'other';
         ctx.env.TABLE_NAME = 'x';
         ctx.result.push(4);
         return ctx.args.nested;
       }`,
      'copy.js',
    );
    const ctx = testContext({
      arguments: { nested: { value: 'original' } },
      identity: { sub: 'me' },
      env: { TABLE_NAME: 'table' },
      result: [1, 2, 3],
    });
    const out = mod.evaluate('request', ctx);
    expect(out.result).toEqual({ value: 'changed' });
    expect(ctx.arguments).toEqual({ nested: { value: 'original' } });
    expect(ctx.identity).toEqual({ sub: 'me' });
    expect(ctx.env).toEqual({ TABLE_NAME: 'table' });
    expect(ctx.result).toEqual([1, 2, 3]);
  });

  it('keeps ctx.args and ctx.arguments the same object inside the handler', () => {
    const mod = loadModule(`export function request(ctx) { ctx.args.x = 1; return ctx.arguments.x; }`, 'alias.js');
    expect(mod.evaluate('request', testContext()).result).toBe(1);
  });

  it('captures console.log and console.error lines', () => {
    const mod = loadModule(
      `export function request(ctx) { console.log('hello', ctx.args); console.error('bad', 42); return null; }`,
      'logs.js',
    );
    const out = mod.evaluate('request', testContext({ arguments: { id: 1 } }));
    expect(out.logs).toEqual(['INFO - hello {"id":1}', 'ERROR - bad 42']);
  });

  it('turns a thrown TypeError into a Code error located in the original code', () => {
    const mod = loadModule(
      ['export function request(ctx) {', '  const missing = ctx.args.missing;', '  return missing.field;', '}'].join(
        '\n',
      ),
      'type-error.js',
    );
    const out = mod.evaluate('request', testContext());
    expect(out.result).toBeUndefined();
    expect(out.error?.errorType).toBe('Code');
    expect(out.error?.message).toMatch(/^code\.js:3:\d+: TypeError: Cannot read properties of undefined/);
    expect(out.error?.data).toBeNull();
  });

  it('locates an error on a line where the time-limit tick was inserted', () => {
    const code = 'export function request(ctx) { const list = ctx.args.items.map((x) => x.name.length); return list; }';
    const mod = loadModule(code, 'same-line.js');
    const out = mod.evaluate('request', testContext({ arguments: { items: [{}] } }));
    const column = code.indexOf('.length') + 2;
    expect(out.error?.message).toBe(
      `code.js:1:${column}: TypeError: Cannot read properties of undefined (reading 'length')`,
    );
  });

  it('lets top-level code log at load time and on every evaluation', () => {
    const mod = loadModule(`console.log('loaded'); export function request() { return 1; }`, 'top-level.js');
    expect(mod.evaluate('request', testContext()).logs).toEqual(['INFO - loaded']);
  });

  it('stops a runaway for-of loop at the time limit', () => {
    const mod = loadModule(
      `export function request() { let n = 0; for (const x of new Array(2e9)) { n += 1; } return n; }`,
      'loop.js',
      { timeoutMs: 50 },
    );
    const started = performance.now();
    const out = mod.evaluate('request', testContext());
    const elapsed = performance.now() - started;
    expect(out.error).toEqual({
      message: 'code.js: execution timed out after 50 ms',
      errorType: 'Code',
      data: null,
      errorInfo: null,
    });
    expect(elapsed).toBeLessThan(1000);
  });

  it('stops runaway recursion through array callbacks and while loops', () => {
    const mod = loadModule(
      `function spin(list) { return list.map((x) => x + 1).map(() => 0).length; }
       export function request(ctx) {
         if (ctx.args.kind === 'while') { let i = 0; while (true) { i = i + 1; } }
         const big = new Array(1e6).fill(1);
         for (const _ of new Array(1e6)) { spin(big); }
         return 'done';
       }`,
      'spin.js',
      { timeoutMs: 50 },
    );
    expect(mod.evaluate('request', testContext()).error?.message).toContain('timed out');
    expect(mod.evaluate('request', testContext({ arguments: { kind: 'while' } })).error?.message).toContain(
      'timed out',
    );
  });

  it('stops an endless loop with the hard (vm watchdog) timeout too', () => {
    const mod = loadModule(`export function request() { for (;;) {} }`, 'hard.js', {
      timeoutMs: 50,
      hardTimeout: true,
    });
    expect(mod.evaluate('request', testContext()).error?.message).toContain('timed out after 50 ms');
  });

  it('rejects an unsupported import at load time, naming the source', () => {
    const load = () => loadModule(`import fs from 'node:fs'; export function request() { return fs; }`, 'bad-import.js');
    expect(load).toThrow(ModuleLoadError);
    expect(load).toThrow(/bad-import\.js.*unsupported import "node:fs"/);
  });

  it('rejects a syntax error at load time, naming the source', () => {
    expect(() => loadModule('export function request( {', 'broken.js')).toThrow(/broken\.js/);
  });

  it('starts every evaluation with fresh module state and untouched built-ins', () => {
    const mod = loadModule(
      `let calls = 0;
       export function request() {
         calls = calls + 1;
         let polluted = 'no';
         if (Array.prototype.polluted) polluted = 'yes';
         Object.defineProperty;
         return { calls, polluted };
       }
       export function response() {
         Array.prototype.polluted = true;
         return null;
       }`,
      'state.js',
    );
    expect(mod.evaluate('request', testContext()).result).toEqual({ calls: 1, polluted: 'no' });
    expect(mod.evaluate('response', testContext()).error?.message).toMatch(/TypeError/);
    expect(mod.evaluate('request', testContext()).result).toEqual({ calls: 1, polluted: 'no' });
  });

  it('evaluates a small handler in well under a millisecond (target 0.2 ms)', () => {
    const mod = loadModule(
      `import { util } from '@aws-appsync/utils';
       import { put } from '@aws-appsync/utils/dynamodb';
       export function request(ctx) {
         const id = ctx.args.id;
         ctx.stash.id = id;
         return put({ key: { pk: 'SESSION#' + id }, item: { email: util.str.normalize(ctx.args.email, 'nfc') } });
       }`,
      'bench.js',
    );
    const ctx = testContext({ arguments: { id: 'abc', email: 'a@example.com' } });
    for (let i = 0; i < 500; i += 1) mod.evaluate('request', ctx);
    const runs = 5000;
    const started = performance.now();
    for (let i = 0; i < runs; i += 1) mod.evaluate('request', ctx);
    const perEvaluation = (performance.now() - started) / runs;
    console.info(`evaluate: ${perEvaluation.toFixed(4)} ms per small handler`);
    // Generous bound for busy CI machines; the figure itself is printed above.
    expect(perEvaluation).toBeLessThan(1);
  });
});
