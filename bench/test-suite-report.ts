/**
 * BENCHMARKS.md's "Test suite" section (pure): `npm test`'s wall time and its phases against issue 17's target, and
 * every test file's wall time, each next to the previous figure — the previous BENCHMARKS.md's (read back by
 * {@link previousTestSuite}) or, before the first run that had this section, bench/before-issue-17.ts.
 */
import { relative } from 'node:path';
import { REPO_ROOT } from './startup.ts';
import { FAILED_RUN_LOG, type TestSuiteResults } from './test-suite.ts';
import { sectionRows } from './previous-figures.ts';

/** Issue 17: `npm test` on a 2-core machine. */
export const TEST_SUITE_TARGET_MS = 150_000;

/** Figures of an earlier run, to set next to this run's. */
export interface PreviousTestSuite {
  /** Where they come from (a BENCHMARKS.md of a date, or the measurement before issue 17). */
  source: string;
  totalMs: number;
  /** A phase's end (from the start of `npm test`), by phase name. */
  phases: Record<string, number>;
  /** A test file's wall time, by path. */
  suites: Record<string, number>;
}

const SECTION = '## Test suite (`npm test`)';
const WHOLE = '`npm test`, whole';
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

/** The section. `previous` is what the figures are compared with (absent: no previous column values). */
export function testSuiteSection(results: TestSuiteResults, previous?: PreviousTestSuite): string[] {
  const target = `≤ ${TEST_SUITE_TARGET_MS / 1000} s`;
  const was = (ms: number | undefined) => (ms === undefined ? '—' : s(ms));
  const lines = [
    SECTION,
    '',
    `Target (issue 17): \`npm test\` ${target} on 2 cores, every suite kept. Measured with \`${results.command}\` in the repository (the extra reporter, bench/suite-times-reporter.ts, only records each file's time); exit code ${results.exitCode}, tests: ${results.tests}. Load (1 min) ${results.loadAtStart.toFixed(2)} at its start → ${results.loadAtEnd.toFixed(2)} at its end: other work on the machine slows every figure here, so compare runs at like loads.`,
    '',
    'scripts/test.ts starts every phase at once (the codegen check, each step of `npm run typecheck`, `npm run lint` and vitest), so a phase\'s figure is when it ended, counted from the start; each must end within the target for `npm test` to. ' +
      `Previous: ${previous?.source ?? 'none recorded'}.`,
    '',
    '| what | time | target | previous | command |',
    '|---|---|---|---|---|',
    `| ${WHOLE} | ${s(results.totalMs)} | ${target}: ${verdict(results.exitCode === 0 && results.totalMs <= TEST_SUITE_TARGET_MS)} | ${was(previous?.totalMs)} | \`npm test\` |`,
    ...results.phases.map(
      (phase) =>
        `| ${phase.name}${phase.code === 0 ? '' : ` (exit ${phase.code})`} | ${s(phase.ms)} | ${target}: ${verdict(phase.ms <= TEST_SUITE_TARGET_MS)} | ${was(previous?.phases[phase.name])} | \`${phase.command}\` |`,
    ),
    '',
  ];
  if (results.exitCode !== 0) {
    lines.push(
      `\`npm test\` failed in this run (${results.phases.filter((phase) => phase.code !== 0).map((phase) => phase.name).join(', ') || 'see its output'}; its output: \`${relative(REPO_ROOT, FAILED_RUN_LOG)}\`): "met" needs it to pass.`,
      '',
    );
  }
  if (results.suites.length > 0) {
    const sum = results.suites.reduce((total, suite) => total + suite.wallMs, 0);
    const cpuSum = results.suites.reduce((total, suite) => total + (suite.cpuMs ?? 0), 0);
    lines.push(
      '### Per test file',
      '',
      `Each file's wall time in its worker: importing it, its set-up and every test and hook (vitest's own JSON reporter leaves out the import and beforeAll, where a started stack or \`npm pack\` spends most of a slow file's time). Files run side by side (vitest.config.ts's maxWorkers), so their ${s(sum)} add up to more than vitest's wall time. Slowest first.`,
      '',
      `CPU: the worker's and that of the processes the file started and ended (DynamoDB Local, Chromium, Lambda hosts, \`npm\`), from its first hook to its last (bench/suite-cpu.ts): ${s(cpuSum)} in all. Not in it: importing the file, the DynamoDB Local JVMs files lease from the run's pool (in vitest's main process: local/test-support/dynamodb-local.ts), and what the shared end-to-end stack (a process of its own) did for the e2e files. On 2 cores, \`npm test\` ≤ 150 s leaves at most 300 s of CPU for everything.`,
      '',
      '| file | wall | of which import | CPU | tests | project | previous |',
      '|---|---|---|---|---|---|---|',
      ...results.suites.map((suite) => {
        const problems = [suite.failed > 0 ? `${suite.failed} failed` : '', suite.skipped > 0 ? `${suite.skipped} skipped` : ''].filter(Boolean).join(', ');
        const cpu = suite.cpuMs === undefined ? '–' : s(suite.cpuMs);
        return `| \`${suite.file}\` | ${s(suite.wallMs)} | ${s(suite.importMs)} | ${cpu} | ${suite.tests}${problems ? ` (${problems})` : ''} | ${suite.project} | ${was(previous?.suites[suite.file])} |`;
      }),
      '',
    );
  }
  return lines;
}

/** The figures of the section in an earlier BENCHMARKS.md (undefined when it has none). */
export function previousTestSuite(markdown: string, source: string): PreviousTestSuite | undefined {
  const previous: PreviousTestSuite = { source, totalMs: 0, phases: {}, suites: {} };
  for (const [name, value] of sectionRows(markdown, SECTION)) {
    // | what | 12.3 s | …
    const seconds = /^([\d.]+) s$/.exec(value ?? '')?.[1];
    if (!name || seconds === undefined) continue;
    const ms = Number(seconds) * 1000;
    if (name === WHOLE) previous.totalMs = ms;
    else if (name.startsWith('`')) previous.suites[name.replace(/`/g, '')] = ms;
    else previous.phases[name.replace(/ \(exit \d+\)$/, '')] = ms;
  }
  return previous.totalMs > 0 ? previous : undefined;
}
