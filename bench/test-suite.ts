/**
 * `npm test` as a developer runs it, timed: the whole command's wall time, each of its phases (scripts/test.ts runs
 * them side by side and writes their end times to TEST_PHASES_FILE) and each test file's wall time (vitest with
 * bench/suite-times-reporter.ts next to its default reporter). Reported, never asserted: a failing test is in the
 * figures' detail, not a reason to stop the bench. `npx tsx bench/test-suite.ts` prints the figures alone.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SuiteTime, SuiteTimesFile } from './suite-times-reporter.ts';
import { REPO_ROOT } from './startup.ts';

/** The command, as the report names it. */
export const TEST_COMMAND = 'npm test -- --reporter=default --reporter=./bench/suite-times-reporter.ts';
/** Where a failed run's output (its last 20,000 characters) is kept. */
export const FAILED_RUN_LOG = join(REPO_ROOT, 'test-artifacts', 'bench-npm-test-failed.log');

export interface TestSuiteResults {
  command: string;
  exitCode: number;
  /** Spawn to exit of `npm test`. */
  totalMs: number;
  /** Each phase's end, from the start of scripts/test.ts (all phases start together). */
  phases: { name: string; command: string; code: number; ms: number }[];
  /** Every test file, slowest first. */
  suites: SuiteTime[];
  /** vitest's summary line ("Tests  1458 passed (1458)"). */
  tests: string;
  /** 1-minute load average when `npm test` started and when it ended. */
  loadAtStart: number;
  loadAtEnd: number;
}

export async function measureTestSuite(options: { timeoutMs?: number } = {}): Promise<TestSuiteResults> {
  const dir = mkdtempSync(join(tmpdir(), 'otp-bench-test-'));
  const suitesFile = join(dir, 'suites.json');
  const phasesFile = join(dir, 'phases.json');
  const loadAtStart = loadavg()[0] ?? 0;
  const started = performance.now();
  try {
    const child = spawn('npm', ['test', '--', '--reporter=default', '--reporter=./bench/suite-times-reporter.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, SUITE_TIMES_FILE: suitesFile, TEST_PHASES_FILE: phasesFile, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-20_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGTERM'), options.timeoutMs ?? 1_800_000);
    const exitCode = await new Promise<number>((done) => child.once('close', (code) => done(code ?? 1)));
    clearTimeout(timer);
    const totalMs = performance.now() - started;
    const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
    // A failed run's report names the phase; what failed is in the output, kept where the report says.
    if (exitCode !== 0) {
      mkdirSync(dirname(FAILED_RUN_LOG), { recursive: true });
      writeFileSync(FAILED_RUN_LOG, plain);
    }
    const phases = existsSync(phasesFile) ? (JSON.parse(readFileSync(phasesFile, 'utf8')) as { phases: TestSuiteResults['phases'] }).phases : [];
    const suites = existsSync(suitesFile) ? (JSON.parse(readFileSync(suitesFile, 'utf8')) as SuiteTimesFile).suites : [];
    return {
      command: TEST_COMMAND,
      exitCode,
      totalMs,
      phases,
      suites,
      // vitest's summary line ("      Tests  1 failed | 1402 passed (1403)"), not "Failed Tests 1".
      tests: /^\s*Tests\s{2,}([^\n]+)/m.exec(plain)?.[1]?.trim() ?? 'no summary',
      loadAtStart,
      loadAtEnd: loadavg()[0] ?? 0,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await measureTestSuite(), null, 2));
}
