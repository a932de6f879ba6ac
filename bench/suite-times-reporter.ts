/**
 * A vitest reporter that writes each test file's wall time to the JSON file named by SUITE_TIMES_FILE (nothing
 * without it), for `npm run bench`'s per-suite table. Used next to vitest's own reporters:
 * `SUITE_TIMES_FILE=out.json vitest run --reporter=default --reporter=./bench/suite-times-reporter.ts`.
 *
 * Why not vitest's `--reporter=json`: its per-file startTime/endTime span the first test's start to the last test's
 * end, so a file's imports and its beforeAll (a started stack, `npm pack`) — most of a slow suite's time — are not
 * in it. The module diagnostic has them: import (collect), set-up and every test and hook.
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Reporter, TestModule, Vitest } from 'vitest/node';

/** One test file's figures, as written to SUITE_TIMES_FILE. */
export interface SuiteTime {
  /** The vitest project (`unit`, `e2e`). */
  project: string;
  /** Path from the repository root. */
  file: string;
  /** Import + set-up + tests and hooks, ms (what the file cost a worker). */
  wallMs: number;
  /** Importing the file and what it imports, ms (part of wallMs). */
  importMs: number;
  /** Every test and hook, beforeAll/afterAll included, ms (part of wallMs). */
  testsMs: number;
  /** CPU of the worker and of the processes the file ended, ms (bench/suite-cpu.ts); undefined without it. */
  cpuMs?: number;
  tests: number;
  failed: number;
  skipped: number;
  state: string;
}

export interface SuiteTimesFile {
  /** vitest's own run, first file start to the report, ms. */
  runMs: number;
  suites: SuiteTime[];
}

export default class SuiteTimesReporter implements Reporter {
  private root = process.cwd();
  private started = performance.now();

  onInit(vitest: Vitest): void {
    this.root = vitest.config.root;
    this.started = performance.now();
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const file = process.env.SUITE_TIMES_FILE;
    if (!file) return;
    const suites = testModules.map((module): SuiteTime => {
      const diagnostic = module.diagnostic();
      const tests = [...module.children.allTests()];
      const importMs = diagnostic.collectDuration;
      const setupMs = diagnostic.prepareDuration + diagnostic.setupDuration + diagnostic.environmentSetupDuration;
      return {
        project: module.project.name,
        file: relative(this.root, module.moduleId),
        wallMs: importMs + setupMs + diagnostic.duration,
        importMs,
        testsMs: diagnostic.duration,
        cpuMs: module.meta().cpuMs,
        tests: tests.length,
        failed: tests.filter((test) => test.result().state === 'failed').length,
        skipped: tests.filter((test) => test.result().state === 'skipped').length,
        state: module.state(),
      };
    });
    const report: SuiteTimesFile = { runMs: performance.now() - this.started, suites: suites.sort((a, b) => b.wallMs - a.wallMs) };
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  }
}
