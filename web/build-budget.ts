import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * The web app's budget: all JavaScript it ships, gzipped, in bytes (kB = 1000 bytes, as Vite's own report). 90 kB
 * until the app was translated: vue-i18n with its message compiler and the four catalogs add about 21 kB (81 → 102 kB).
 */
export const JS_BUDGET_GZIP_BYTES = 110_000;

/** One JavaScript file of the build and its gzipped size. */
export interface ChunkSize {
  fileName: string;
  gzipBytes: number;
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
export function checkBudget(chunks: readonly ChunkSize[], budgetBytes: number = JS_BUDGET_GZIP_BYTES): BudgetReport {
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
    summary: `JS ${kB(totalGzipBytes)} gzipped (budget ${kB(budgetBytes)}, ${margin}; ${chunks.length} file(s))`,
  };
}

/**
 * A Vite build plugin that prints the gzipped size of the JavaScript it emits and fails the build when it is over
 * budget, so a heavy dependency is caught where it is added.
 *
 * @example plugins: [vue(), bundleBudget()]
 */
export function bundleBudget(budgetBytes: number = JS_BUDGET_GZIP_BYTES): Plugin {
  return {
    name: 'otp:bundle-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks: ChunkSize[] = [];
      for (const output of Object.values(bundle)) {
        if (output.type === 'chunk') {
          chunks.push({ fileName: output.fileName, gzipBytes: gzipSync(output.code, { level: 9 }).byteLength });
        }
      }
      const report = checkBudget(chunks, budgetBytes);
      if (!report.withinBudget) this.error(`Over the JavaScript budget: ${report.summary}`);
      // Printed whatever Vite's logLevel: the number is the point of this plugin.
      console.log(`[bundle-budget] ${report.summary}`);
    },
  };
}
