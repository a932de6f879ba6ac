import { describe, expect, it } from 'vitest';
import { bundleBudget, checkBudget, JS_BUDGET_GZIP_BYTES } from './build-budget.ts';

describe('checkBudget', () => {
  it('passes a build under the budget and says how much is left', () => {
    const report = checkBudget([
      { fileName: 'assets/index.js', gzipBytes: 60_000 },
      { fileName: 'assets/vendor.js', gzipBytes: 20_060 },
    ]);
    expect(report).toMatchObject({ totalGzipBytes: 80_060, budgetBytes: JS_BUDGET_GZIP_BYTES, withinBudget: true });
    expect(report.summary).toBe('JS 80.06 kB gzipped (budget 110.00 kB, 29.94 kB left; 2 file(s))');
  });

  it('accepts a build exactly at the budget', () => {
    expect(checkBudget([{ fileName: 'a.js', gzipBytes: 90_000 }], 90_000).withinBudget).toBe(true);
  });

  it('fails a build one byte over and says by how much', () => {
    const report = checkBudget([{ fileName: 'a.js', gzipBytes: 90_001 }], 90_000);
    expect(report.withinBudget).toBe(false);
    expect(report.summary).toContain('0.00 kB over');
  });
});

describe('bundleBudget plugin', () => {
  type Hook = (this: { error(message: string): never }, options: unknown, bundle: Record<string, unknown>) => void;
  const failing = { error: (message: string): never => { throw new Error(message); } };
  const hook = (budget: number) => bundleBudget(budget).generateBundle as Hook;
  const bundle = { 'index.js': { type: 'chunk', fileName: 'index.js', code: 'x'.repeat(10_000) } };

  it('measures the emitted chunks gzipped and fails the build over budget', () => {
    expect(() => hook(10).call(failing, {}, bundle)).toThrow(/Over the JavaScript budget: JS 0\.\d\d kB gzipped/);
  });

  it('lets a build within budget through', () => {
    expect(() => hook(90_000).call(failing, {}, bundle)).not.toThrow();
  });
});
