import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * The web app's budget for the JavaScript the first page load runs (the entry and everything it imports statically),
 * gzipped, in bytes (kB = 1000 bytes, as Vite's own report). 90 kB until the app was translated: vue-i18n with its
 * message compiler and the four catalogs add about 21 kB (81 → 102 kB). The sign-in pages do not count here: they
 * are loaded when opened (see {@link LAZY_JS_BUDGET_GZIP_BYTES}).
 */
export const JS_BUDGET_GZIP_BYTES = 110_000;

/**
 * The budget of each page loaded on demand (a dynamic import, e.g. a sign-in page): what opening it downloads on top
 * of the first load, gzipped. Amplify Auth (its Cognito client, SRP and token store) is most of it: measured
 * 41.9 kB for the sign-in pages with aws-amplify 6.22.1.
 */
export const LAZY_JS_BUDGET_GZIP_BYTES = 50_000;

/** One JavaScript file of the build and its gzipped size. */
export interface ChunkSize {
  fileName: string;
  gzipBytes: number;
}

/** A JavaScript file of the build with how it is loaded (the fields of Rollup's output chunk read here). */
export interface BuiltChunk extends ChunkSize {
  isEntry: boolean;
  isDynamicEntry: boolean;
  /** Files it imports statically (loaded with it). */
  imports: readonly string[];
}

/** The verdict on a build's JavaScript. */
export interface BudgetReport {
  totalGzipBytes: number;
  budgetBytes: number;
  withinBudget: boolean;
  /** One line for the build log, e.g. "JS 80.06 kB gzipped (budget 90.00 kB, 9.94 kB left)". */
  summary: string;
}

/**
 * Sums the gzipped sizes of a build's JavaScript and compares them with the budget (pure, so it is unit-tested).
 *
 * @example checkBudget([{ fileName: 'index.js', gzipBytes: 80_060 }], 90_000).withinBudget // true
 */
export function checkBudget(chunks: readonly ChunkSize[], budgetBytes: number = JS_BUDGET_GZIP_BYTES, label = 'JS'): BudgetReport {
  const totalGzipBytes = chunks.reduce((sum, chunk) => sum + chunk.gzipBytes, 0);
  const withinBudget = totalGzipBytes <= budgetBytes;
  const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;
  const margin = withinBudget
    ? `${kB(budgetBytes - totalGzipBytes)} left`
    : `${kB(totalGzipBytes - budgetBytes)} over`;
  return {
    totalGzipBytes,
    budgetBytes,
    withinBudget,
    summary: `${label} ${kB(totalGzipBytes)} gzipped (budget ${kB(budgetBytes)}, ${margin}; ${chunks.length} file(s))`,
  };
}

/** The files loaded with `roots`: they and, transitively, what they import statically. */
function staticClosure(roots: readonly BuiltChunk[], byName: ReadonlyMap<string, BuiltChunk>): Set<BuiltChunk> {
  const seen = new Set<BuiltChunk>();
  const pending = [...roots];
  for (let chunk = pending.pop(); chunk; chunk = pending.pop()) {
    if (seen.has(chunk)) continue;
    seen.add(chunk);
    for (const name of chunk.imports) {
      const imported = byName.get(name);
      if (imported) pending.push(imported);
    }
  }
  return seen;
}

/**
 * Checks a build against both budgets: the first load (the entries and their static imports) against `initialBytes`,
 * and each page loaded on demand (a dynamic entry and what it imports that the first load does not already have)
 * against `lazyBytes`. Pure.
 *
 * @example checkBuild(chunks).every((report) => report.withinBudget)
 */
export function checkBuild(
  chunks: readonly BuiltChunk[],
  initialBytes: number = JS_BUDGET_GZIP_BYTES,
  lazyBytes: number = LAZY_JS_BUDGET_GZIP_BYTES,
): BudgetReport[] {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const initial = staticClosure(chunks.filter((chunk) => chunk.isEntry), byName);
  const reports = [checkBudget([...initial], initialBytes, 'initial JS')];
  for (const entry of chunks.filter((chunk) => chunk.isDynamicEntry && !initial.has(chunk))) {
    const extra = [...staticClosure([entry], byName)].filter((chunk) => !initial.has(chunk));
    reports.push(checkBudget(extra, lazyBytes, `on opening ${entry.fileName}:`));
  }
  return reports;
}

/**
 * A Vite build plugin that prints the gzipped size of the JavaScript it emits — the first load, and each page loaded
 * on demand — and fails the build when one is over its budget, so a heavy dependency is caught where it is added.
 *
 * @example plugins: [vue(), bundleBudget()]
 */
export function bundleBudget(initialBytes: number = JS_BUDGET_GZIP_BYTES, lazyBytes: number = LAZY_JS_BUDGET_GZIP_BYTES): Plugin {
  return {
    name: 'otp:bundle-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks: BuiltChunk[] = [];
      for (const output of Object.values(bundle)) {
        if (output.type === 'chunk') {
          chunks.push({
            fileName: output.fileName,
            gzipBytes: gzipSync(output.code, { level: 9 }).byteLength,
            isEntry: output.isEntry,
            isDynamicEntry: output.isDynamicEntry,
            imports: output.imports,
          });
        }
      }
      const reports = checkBuild(chunks, initialBytes, lazyBytes);
      const over = reports.filter((report) => !report.withinBudget);
      if (over.length > 0) this.error(`Over the JavaScript budget: ${over.map((report) => report.summary).join('; ')}`);
      // Printed whatever Vite's logLevel: the numbers are the point of this plugin.
      for (const report of reports) console.log(`[bundle-budget] ${report.summary}`);
    },
  };
}
