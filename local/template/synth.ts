import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { appEntryCommand, typeScriptAppEntry } from './app-entry.ts';
import { sourceFingerprint } from './source-fingerprint.ts';

/** How much of the child's output a failure message quotes. */
const STDERR_TAIL_LINES = 40;

/** Options of {@link synthesize}. */
export interface SynthesizeOptions {
  /**
   * The command that runs the CDK app, as `cdk synth --app` takes it (e.g. `node --import tsx bin/app.ts`), or the
   * app's TypeScript entry file (e.g. `bin/app.ts`), which the synth compiles and runs with node (app-entry.ts).
   */
  app: string;
  /** Where the command runs. */
  appDir: string;
  /** The cloud assembly directory to write (created if missing). */
  outDir: string;
  /** CDK context values, as `cdk synth -c key=value` would pass them. */
  context?: Record<string, string>;
  /**
   * Files and folders (relative to appDir) that everything the app synthesizes comes from. When set, a synth whose
   * sources, context and command are those of the assembly already in outDir is skipped. @default none: always synth
   */
  sources?: readonly string[];
  /** Synthesize even when the sources are those of the assembly already in outDir. @default false */
  force?: boolean;
}

/** Written into the assembly after a successful synth: the fingerprint of the sources it came from. */
const FINGERPRINT_FILE = 'source-fingerprint.txt';

/**
 * Synthesizes a CDK app into `outDir` the way the CDK CLI does: runs the app's command in a shell with `CDK_OUTDIR`
 * and `CDK_CONTEXT_JSON` set (aws-cdk-lib's `App` reads both). Works offline: no credentials, no Docker when the app
 * bundles with a local esbuild.
 * @returns the assembly directory.
 * @throws Error quoting the tail of the app's stderr when it fails.
 */
export async function synthesize(options: SynthesizeOptions): Promise<string> {
  const assemblyDir = resolve(options.outDir);
  const fingerprintPath = join(assemblyDir, FINGERPRINT_FILE);
  const context = options.context ?? {};
  const fingerprint = options.sources && sourceFingerprint(options.appDir, options.sources, { context, app: options.app });
  if (!options.force && fingerprint && existsSync(join(assemblyDir, 'manifest.json')) && readText(fingerprintPath) === fingerprint) {
    return assemblyDir;
  }
  mkdirSync(assemblyDir, { recursive: true });
  rmSync(fingerprintPath, { force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CDK_OUTDIR: assemblyDir,
    CDK_CONTEXT_JSON: JSON.stringify(context),
    // The CDK's switch for its built-in template validation. A local synth never deploys, and validation (and
    // validation plugins such as cdk-nag that honour it) costs seconds of a first start.
    CDK_VALIDATION: 'false',
  };
  const entry = typeScriptAppEntry(options.app, options.appDir);
  const compiledEntry = entry ? appEntryCommand(entry) : undefined;
  const { code, signal, stderr } = await run(compiledEntry?.command ?? options.app, { cwd: options.appDir, env }).finally(() => {
    if (compiledEntry) rmSync(compiledEntry.compiled, { force: true });
  });
  if (code !== 0) {
    const tail = stderr.trimEnd().split('\n').slice(-STDERR_TAIL_LINES).join('\n');
    throw new Error(`CDK synth (${options.app}) failed (${signal ? `signal ${signal}` : `exit code ${String(code)}`}):\n${tail}`);
  }
  if (!existsSync(join(assemblyDir, 'manifest.json'))) {
    throw new Error(`CDK synth (${options.app}) wrote no cloud assembly to ${assemblyDir}: does the app call app.synth()?`);
  }
  if (fingerprint) writeFileSync(fingerprintPath, fingerprint);
  return assemblyDir;
}

function readText(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs a command in a shell, as the CDK CLI runs `--app`, or a program with its arguments. */
function run(command: string | [string, ...string[]], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    // stdout (bundlers' reports) is not needed; stderr is kept for the error.
    const stdio: ['ignore', 'ignore', 'pipe'] = ['ignore', 'ignore', 'pipe'];
    const child = typeof command === 'string' ? spawn(command, { ...options, shell: true, stdio }) : spawn(command[0], command.slice(1), { ...options, stdio });
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
