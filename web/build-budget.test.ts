import { describe, expect, it } from 'vitest';
import { bundleBudget, checkBudget, checkBuild, JS_BUDGET_GZIP_BYTES, LAZY_JS_BUDGET_GZIP_BYTES, type BuiltChunk } from './build-budget.ts';

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

describe('checkBuild', () => {
  const chunk = (fileName: string, gzipBytes: number, how: Partial<BuiltChunk> = {}): BuiltChunk => ({
    fileName,
    gzipBytes,
    isEntry: false,
    isDynamicEntry: false,
    imports: [],
    ...how,
  });
  // The app's shape: the entry with a vendor chunk; two sign-in pages loaded on demand sharing Amplify's chunk, which
  // also imports the vendor chunk the first load already has.
  const build = [
    chunk('index.js', 90_000, { isEntry: true, imports: ['vendor.js'] }),
    chunk('vendor.js', 10_000),
    chunk('SignInView.js', 300, { isDynamicEntry: true, imports: ['amplify.js'] }),
    chunk('MfaSignInView.js', 310, { isDynamicEntry: true, imports: ['amplify.js'] }),
    chunk('amplify.js', 40_000, { imports: ['vendor.js'] }),
  ];

  it('counts the first load (entry and static imports) apart from each page loaded on demand', () => {
    const [initial, ...lazy] = checkBuild(build);
    expect(initial).toMatchObject({ totalGzipBytes: 100_000, budgetBytes: JS_BUDGET_GZIP_BYTES, withinBudget: true });
    expect(initial?.summary).toMatch(/^initial JS 100\.00 kB gzipped .*2 file\(s\)/);
    // What opening a page adds: its chunk and Amplify's, not the vendor chunk already loaded.
    expect(lazy.map((report) => [report.summary.split(':')[0], report.totalGzipBytes, report.budgetBytes])).toEqual([
      ['on opening SignInView.js', 40_300, LAZY_JS_BUDGET_GZIP_BYTES],
      ['on opening MfaSignInView.js', 40_310, LAZY_JS_BUDGET_GZIP_BYTES],
    ]);
  });

  it('fails a lazy page over its own budget, and the first load over its own', () => {
    expect(checkBuild(build, 100_000, 40_300).map((report) => report.withinBudget)).toEqual([true, true, false]);
    expect(checkBuild(build, 99_999, 50_000).map((report) => report.withinBudget)).toEqual([false, true, true]);
  });

  it('counts a dynamic import of something the first load already has as nothing extra', () => {
    const reports = checkBuild([chunk('index.js', 1_000, { isEntry: true, isDynamicEntry: true })]);
    expect(reports).toHaveLength(1);
  });
});

describe('bundleBudget plugin', () => {
  type Hook = (this: { error(message: string): never }, options: unknown, bundle: Record<string, unknown>) => void;
  const failing = { error: (message: string): never => { throw new Error(message); } };
  const hook = (budget: number, lazyBudget?: number) => bundleBudget(budget, lazyBudget).generateBundle as Hook;
  const bundle = {
    'index.js': { type: 'chunk', fileName: 'index.js', code: 'x'.repeat(10_000), isEntry: true, isDynamicEntry: false, imports: [] },
    'page.js': { type: 'chunk', fileName: 'page.js', code: 'y'.repeat(10_000), isEntry: false, isDynamicEntry: true, imports: [] },
  };

  it('measures the emitted chunks gzipped and fails the build over budget', () => {
    expect(() => hook(10).call(failing, {}, bundle)).toThrow(/Over the JavaScript budget: initial JS 0\.\d\d kB gzipped/);
  });

  it('lets a build within budget through', () => {
    expect(() => hook(90_000).call(failing, {}, bundle)).not.toThrow();
  });

  it('fails the build when a page loaded on demand is over its budget', () => {
    expect(() => hook(90_000, 10).call(failing, {}, bundle)).toThrow(/Over the JavaScript budget: on opening page\.js: 0\.\d\d kB gzipped/);
  });
});
