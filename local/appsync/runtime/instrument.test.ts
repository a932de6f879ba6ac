import { describe, expect, it } from 'vitest';
import { columnBeforeInstrumentation, instrument, TICK_NAME } from './instrument.ts';

const T = `${TICK_NAME}();`;

describe('instrument', () => {
  it.each([
    ['function body', 'function f() { return 1; }', `function f() {${T} return 1; }`],
    ['arrow expression body', 'const f = (x) => x + 1;', `const f = (x) => (${TICK_NAME}(), x + 1);`],
    ['arrow returning an object', 'const f = () => ({ a: 1 });', `const f = () => ((${TICK_NAME}(), { a: 1 }));`],
    ['loop without a block', 'for (const x of xs) total += x;', `for (const x of xs) {${T}total += x;}`],
    ['while loop', 'while (go) { step(); }', `while (go) {${T} step(); }`],
    ['do…while', 'do { step(); } while (go);', `do {${T} step(); } while (go);`],
    ['class method and getter', 'class A { m() {} get g() { return 1; } }', `class A { m() {${T}} get g() {${T} return 1; } }`],
    ['object method', 'const o = { m() { return 1; } };', `const o = { m() {${T} return 1; } };`],
  ])('ticks in every %s, on the same lines', (_name, code, expected) => {
    expect(instrument(code).code).toBe(expected);
  });

  it('leaves code without functions or loops alone', () => {
    expect(instrument('export const a = 1;\n')).toEqual({ code: 'export const a = 1;\n', insertions: [] });
  });

  it('maps a column of the instrumented code back to the original', () => {
    const code = 'const a = 1;\nfunction f() { return g(); }';
    const { code: out, insertions } = instrument(code);
    const line2 = out.split('\n')[1] as string;
    const generated = line2.indexOf('g()') + 1;
    expect(insertions).toEqual([{ line: 2, column: 14, length: T.length }]);
    expect(columnBeforeInstrumentation(insertions, 2, generated)).toBe(code.split('\n')[1]!.indexOf('g()') + 1);
  });

  it('rejects code that does not parse', () => {
    expect(() => instrument('function (')).toThrow();
  });
});
