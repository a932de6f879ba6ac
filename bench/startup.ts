/**
 * Start-up figures: `npm start`'s cold start (appsync-local as a child process until its endpoints file exists),
 * reported, never asserted. (`npm test`'s wall time: test-suite.ts.)
 */
import { spawn, spawnSync } from 'node:child_process';
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

/** The appsync-local package and command of the workspace. */
const APPSYNC_LOCAL_DIR = join(REPO_ROOT, 'local');
export const APPSYNC_LOCAL_BIN = join(APPSYNC_LOCAL_DIR, 'bin', 'appsync-local.mjs');

/**
 * Times `npm start` from cold on this checkout: `appsync-local start` with the product's config, the web app left out,
 * free ports, and a fresh state folder (so the app is synthesized), until it writes its endpoints file; then stops it
 * with SIGTERM. The package is compiled as `npm ci` leaves it, and the checkout's caches are warm (class archive, lint
 * results, construct assets): {@link measureFreshCloneStart} has none. Never touches, or races with, a developer's
 * `npm start` and its `.local/`.
 */
export async function measureColdStart(timeoutMs = 180_000): Promise<TimedRun> {
  return (await measureColdAndWarmStart(timeoutMs)).cold;
}

const WARM_RESTARTS = 3;

/**
 * The cold start of {@link measureColdStart}, then warm restarts (the median of {@link WARM_RESTARTS}): the same
 * command on the same state folder, as a developer's second `npm start` (the synthesized app is reused; the JVM, the
 * engine and the functions start anew).
 */
export async function measureColdAndWarmStart(timeoutMs = 180_000): Promise<{ cold: TimedRun; warm: TimedRun }> {
  const stateDir = mkdtempSync(join(tmpdir(), 'otp-bench-start-'));
  const args = ['--no-sidecars', '--no-watch', '--port', '0', '--dynamodb-port', '0', '--ses-port', '0', '--sms-port', '0', '--state-dir', stateDir];
  // Compiled beforehand, as `npm ci` compiles it (its prepare script): an edited source would otherwise be compiled
  // inside the timed start.
  spawnSync(process.execPath, [join(APPSYNC_LOCAL_DIR, 'bin', 'compile.mjs')], { stdio: 'ignore' });
  try {
    const cold = await measureStart(args, REPO_ROOT, join(stateDir, 'endpoints.json'), timeoutMs);
    // One restart swings by ±0.3 s on a 2-core machine: the median of three, with all three in the detail.
    const warms: TimedRun[] = [];
    for (let run = 0; run < WARM_RESTARTS; run += 1) warms.push(await measureStart(args, REPO_ROOT, join(stateDir, 'endpoints.json'), timeoutMs));
    const failed = warms.find((run) => !run.ok);
    if (failed) return { cold, warm: failed };
    const median = [...warms].sort((a, b) => a.ms - b.ms)[WARM_RESTARTS >> 1]!;
    const all = warms.map((run) => (run.ms / 1000).toFixed(2)).join(' / ');
    return { cold, warm: { ...median, detail: `median of ${WARM_RESTARTS} (${all} s); that one: ${median.detail}` } };
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}

/**
 * A fresh clone's first start, as a newcomer runs it: `git clone` of this repository's HEAD (committed work only), `npm
 * ci` (from npm's cache where it can), then the cold start's command in the clone, on the clone's own state folder
 * (`.local`, as `npm start`), until its endpoints file. Unlike {@link measureColdAndWarmStart}, nothing this checkout
 * has cached is there; what `npm ci` leaves is (the compiled package; the root's prepare script, `appsync-local
 * prepare`: the synth in `.local`, the APPSYNC_JS check results, DynamoDB Local's class archive). The detail names the
 * commit, the install's time and the prepare script's share of it.
 */
export async function measureFreshCloneStart(timeoutMs = 180_000): Promise<TimedRun> {
  const dir = mkdtempSync(join(tmpdir(), 'otp-bench-clone-'));
  const clone = join(dir, 'otp-appsync');
  try {
    const cloned = spawnSync('git', ['clone', '--quiet', '--no-hardlinks', REPO_ROOT, clone], { encoding: 'utf8' });
    if (cloned.status !== 0) return { ok: false, ms: 0, detail: `git clone failed: ${cloned.stderr.trim()}` };
    const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: clone, encoding: 'utf8' }).stdout.trim();
    const installStarted = performance.now();
    const installed = spawnSync('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: clone, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const installMs = performance.now() - installStarted;
    if (installed.status !== 0) return { ok: false, ms: 0, detail: `npm ci failed: ${installed.stderr.trim().split('\n').at(-1) ?? ''}` };
    const args = ['--no-sidecars', '--no-watch', '--port', '0', '--dynamodb-port', '0', '--ses-port', '0', '--sms-port', '0'];
    const run = await measureStart(args, clone, join(clone, '.local', 'endpoints.json'), timeoutMs, {}, join(clone, 'local', 'bin', 'appsync-local.mjs'));
    const prepared = PREPARED_LINE.exec(installed.stdout)?.[1];
    const install = `${(installMs / 1000).toFixed(0)} s${prepared ? `, of which \`appsync-local prepare\` ${prepared} s` : ', no prepare line in its output'}`;
    return { ...run, detail: `${commit}, after \`npm ci\` (${install}); ${run.detail}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What `appsync-local prepare` prints when done (local/cli/main.ts). */
const PREPARED_LINE = /prepared the first start in (\d+\.\d) s/;

/** The line the CLI prints after its endpoints file: where the start went (local/cli/startup-summary.ts). */
const STARTUP_LINE = /^Start-up: (.*)$/m;
/** How long the breakdown line may trail the endpoints file (stdout arrives after the file on a loaded machine). */
const STARTUP_LINE_GRACE_MS = 5000;

/**
 * Times `appsync-local start <args>` (this checkout's command, or `bin`) in `cwd` until `endpointsFile` exists, then
 * stops it. The detail is the CLI's own breakdown of the start when it prints one.
 */
export async function measureStart(
  args: string[],
  cwd: string,
  endpointsFile: string,
  timeoutMs = 180_000,
  env: NodeJS.ProcessEnv = {},
  bin = APPSYNC_LOCAL_BIN,
): Promise<TimedRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [bin, 'start', ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString('utf8')).slice(-8000)));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    for (;;) {
      if (existsSync(endpointsFile)) {
        const ms = performance.now() - started;
        const graceEnd = performance.now() + STARTUP_LINE_GRACE_MS;
        while (!STARTUP_LINE.test(stdout) && child.exitCode === null && performance.now() < graceEnd) await new Promise((wait) => setTimeout(wait, 20));
        return { ok: true, ms, detail: STARTUP_LINE.exec(stdout)?.[1] ?? 'endpoints file written' };
      }
      if (child.exitCode !== null) return { ok: false, ms: performance.now() - started, detail: `exited ${child.exitCode}: ${stderr.trim().split('\n').at(-1) ?? ''}` };
      if (performance.now() - started > timeoutMs) return { ok: false, ms: timeoutMs, detail: 'timed out' };
      await new Promise((wait) => setTimeout(wait, 20));
    }
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((wait) => setTimeout(wait, 15_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}
