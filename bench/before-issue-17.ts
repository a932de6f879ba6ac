/**
 * The "previous" figures of BENCHMARKS.md's test-suite section: the last BENCHMARKS.md's own, or — before a bench
 * run first wrote that section — `npm test` as it was before issue 17's work (codegen check, typecheck, lint and
 * vitest one after another; every file with its own module graph), measured on 8667ff4 by running its script's
 * commands in order with the suite-times reporter added to vitest.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { previousTestSuite, type PreviousTestSuite } from './test-suite-report.ts';

/** `npm test` of 8667ff4: each phase's end from the start, and every test file's wall time (data file beside this one). */
export const BEFORE_ISSUE_17 = JSON.parse(readFileSync(join(import.meta.dirname, 'before-issue-17.json'), 'utf8')) as PreviousTestSuite;

/** The previous figures: those in the previous BENCHMARKS.md's text (empty when there is none), else BEFORE_ISSUE_17. */
export function previousTestSuiteFigures(markdown: string): PreviousTestSuite {
  const date = /Written by `npm run bench` \(bench\/run\.ts\) on ([^,]+),/.exec(markdown)?.[1] ?? 'an earlier run';
  return previousTestSuite(markdown, `BENCHMARKS.md of ${date}`) ?? BEFORE_ISSUE_17;
}
