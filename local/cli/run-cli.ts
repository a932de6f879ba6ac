/** Test support: runs `appsync-local` as a child process, the way a user's shell does, and reads what it writes. */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Endpoints } from '../endpoints.ts';

const BIN = resolve(import.meta.dirname, '..', 'bin', 'appsync-local.mjs');
/** The workspace's dependencies, linked into the copied app so its own imports (aws-cdk-lib) resolve. */
const NODE_MODULES = resolve(import.meta.dirname, '..', '..', 'node_modules');

/** Copies a fixture app into a fresh folder outside the repository. */
export function copyFixtureApp(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `appsync-local-${name}-`));
  cpSync(resolve(import.meta.dirname, '..', 'fixtures', 'apps', name), dir, { recursive: true });
  symlinkSync(NODE_MODULES, join(dir, 'node_modules'), 'dir');
  return dir;
}

export interface RunningCli {
  process: ChildProcess;
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Starts `appsync-local <args>` in `cwd`. */
export function runCli(args: string[], cwd: string): RunningCli {
  let output = '';
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NODE_NO_WARNINGS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  return { process: child, output: () => output, exited };
}

/** What the CLI prints last once it serves, after writing the endpoints file (local/cli/main.ts). */
const LAST_READY_LINE = /^Start-up: /m;
/** How long the ready lines may trail the endpoints file before the caller gets the output as it is. */
const READY_LINES_GRACE_MS = 10_000;

/**
 * Polls for the endpoints file, then for the lines the CLI prints once ready (it writes the file first, and on a
 * loaded machine its output arrives after the file); fails with the command's output when it exits first or takes
 * too long.
 */
export async function waitForEndpoints(cli: RunningCli, file: string, timeoutMs = 120_000): Promise<Endpoints> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (cli.process.exitCode !== null) throw new Error(`appsync-local exited (${cli.process.exitCode}):\n${cli.output()}`);
    if (Date.now() > deadline) throw new Error(`no ${file} after ${timeoutMs} ms:\n${cli.output()}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  const linesDeadline = Date.now() + READY_LINES_GRACE_MS;
  while (!LAST_READY_LINE.test(cli.output()) && cli.process.exitCode === null && Date.now() < linesDeadline) {
    await new Promise((resolveWait) => setTimeout(resolveWait, 20));
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Endpoints;
}

export function removeApp(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
