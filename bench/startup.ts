/**
 * Start-up figures: `npm start`'s cold start (a child process until `.local/endpoints.json` exists) and the unit
 * test suite's wall time. Both spawn processes; both are reported, never asserted.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Repository root (bench/..). */
export const REPO_ROOT = resolve(import.meta.dirname, '..');

/** The outcome of one timed child process. */
export interface TimedRun {
  ok: boolean;
  ms: number;
  detail: string;
}

/**
 * Times `tsx local/start.ts --no-web` on free ports until it writes `.local/endpoints.json`, then stops it with
 * SIGTERM. The child runs with its working directory in a fresh temporary folder: start.ts writes `.local/`
 * relative to the working directory (there is no --state-dir flag), so this never touches, or races with, a
 * developer's `npm start` in the repository. The CDK synth inside runs from the repository root either way.
 */
export async function measureColdStart(timeoutMs = 180_000): Promise<TimedRun> {
  const cwd = mkdtempSync(join(tmpdir(), 'otp-bench-start-'));
  const endpointsFile = join(cwd, '.local', 'endpoints.json');
  const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  const args = [join(REPO_ROOT, 'local', 'start.ts'), '--no-web', '--graphql-port', '0', '--dynamodb-port', '0', '--ses-port', '0'];
  const started = performance.now();
  const child = spawn(tsx, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    for (;;) {
      if (existsSync(endpointsFile)) return { ok: true, ms: performance.now() - started, detail: 'endpoints.json written' };
      if (child.exitCode !== null) return { ok: false, ms: performance.now() - started, detail: `exited ${child.exitCode}: ${stderr.trim().split('\n').at(-1) ?? ''}` };
      if (performance.now() - started > timeoutMs) return { ok: false, ms: timeoutMs, detail: 'timed out' };
      await new Promise((wait) => setTimeout(wait, 20));
    }
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((wait) => setTimeout(wait, 15_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** Times `npx vitest run --project unit` in the repository (reported only; its exit status is part of the detail). */
export async function measureUnitSuite(timeoutMs = 900_000): Promise<TimedRun> {
  const started = performance.now();
  const child = spawn('npx', ['vitest', 'run', '--project', 'unit'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
  const code = await new Promise<number | null>((done) => child.once('exit', (exitCode) => done(exitCode)));
  clearTimeout(timer);
  // vitest's summary line ("Tests  123 passed (123)") without colour codes.
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const tests = /Tests\s+([^\n]+)/.exec(plain)?.[1]?.trim() ?? 'no summary';
  return { ok: code === 0, ms: performance.now() - started, detail: `exit ${code}; ${tests}` };
}
