import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sourceFingerprint } from './source-fingerprint.ts';

/** Repository root (local/template/../..), where `infra/bin/app.ts` lives. */
const repoRoot = resolve(import.meta.dirname, '..', '..');


/** How much of the child's output a failure message quotes. */
const STDERR_TAIL_LINES = 40;

/** Options of {@link synthesize}. */
export interface SynthesizeOptions {
  /** The cloud assembly directory to write (created if missing). */
  outDir: string;
  /** CDK context values, as `cdk synth -c key=value` would pass them. */
  context?: Record<string, string>;
  /** The stack whose template path is returned. @default 'OtpService' */
  stackName?: string;
  /** The CDK app entry. @default '<repo>/infra/bin/app.ts' */
  appEntry?: string;
  /** Synthesize even when the sources and context are those of the assembly already in outDir. @default false */
  force?: boolean;
}

/** Written into the assembly after a successful synth: the fingerprint of the sources it came from. */
const FINGERPRINT_FILE = 'source-fingerprint.txt';

/**
 * Synthesizes the CDK app into `outDir` the way the CDK CLI does: runs the app in a child process with
 * `CDK_OUTDIR` and `CDK_CONTEXT_JSON` set (aws-cdk-lib's `App` reads both). Works offline: no credentials,
 * no Docker (the app bundles with local esbuild). Takes about 4 s, most of it loading aws-cdk-lib and bundling the functions.
 * @returns the stack's template path and the assembly directory.
 * @throws Error quoting the tail of the app's stderr when it fails.
 */
export async function synthesize(options: SynthesizeOptions): Promise<{ templatePath: string; assemblyDir: string }> {
  const assemblyDir = resolve(options.outDir);
  const templatePath = join(assemblyDir, `${options.stackName ?? 'OtpService'}.template.json`);
  const appEntry = options.appEntry ?? join(repoRoot, 'infra', 'bin', 'app.ts');
  const fingerprintPath = join(assemblyDir, FINGERPRINT_FILE);
  const fingerprint = options.appEntry ? undefined : sourceFingerprint(repoRoot, options.context ?? {});
  if (!options.force && fingerprint && existsSync(templatePath) && readText(fingerprintPath) === fingerprint) {
    return { templatePath, assemblyDir };
  }
  mkdirSync(assemblyDir, { recursive: true });
  rmSync(fingerprintPath, { force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CDK_OUTDIR: assemblyDir,
    CDK_CONTEXT_JSON: JSON.stringify(options.context ?? {}),
    // The CDK's switch for its built-in template validation; infra/bin/app.ts skips cdk-nag with it too. A local
    // synth never deploys, and the two checks cost ~4 s of a first start (deploys and nag.test.ts keep them).
    CDK_VALIDATION: 'false',
  };
  const { code, signal, stderr } = await run(process.execPath, ['--import', 'tsx', appEntry], { cwd: repoRoot, env });
  if (code !== 0) {
    const tail = stderr.trimEnd().split('\n').slice(-STDERR_TAIL_LINES).join('\n');
    throw new Error(
      `CDK synth of ${appEntry} failed (${signal ? `signal ${signal}` : `exit code ${String(code)}`}):\n${tail}`,
    );
  }
  if (fingerprint) writeFileSync(fingerprintPath, fingerprint);
  return { templatePath, assemblyDir };
}

function readText(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    // stdout (esbuild's bundle report) is not needed; stderr is kept for the error message.
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      // Keep memory bounded on a chatty failure; only the tail is reported.
      if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stderr }));
  });
}
