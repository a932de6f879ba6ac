/**
 * `npm test`: the checks and the test suites side by side instead of one after another — the codegen check
 * (`npm run codegen -- --check`), each step of `npm run typecheck`, `npm run lint`, and `vitest run`. On a 2-core
 * machine the suites wait on stacks, browsers and emails much of the time, and the checks fill those gaps.
 *
 * vitest's output streams as it runs (it is the long one); each check's output is printed in one piece when the check
 * ends. Exits non-zero when any of them fails, after a table of each one's status and wall time. Arguments go to
 * vitest (`npm test -- test/otp-flow.test.ts`). With TEST_PHASES_FILE set, the table is also written there as JSON
 * (`npm run bench` reads it).
 *
 * The commands come from package.json's scripts, so a change there needs no change here; `typecheck`'s `&&` steps run
 * side by side (each is one single-threaded compiler).
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Phase {
  name: string;
  command: string;
  /** Streamed as it runs (vitest) rather than printed in one piece at the end (the checks). */
  live: boolean;
}

/** What one phase did, as written to TEST_PHASES_FILE. */
export interface PhaseResult {
  name: string;
  command: string;
  code: number;
  /** Start of the run to the phase's end (all phases start together). */
  ms: number;
}

/** The phases, from package.json's scripts. */
function phases(vitestArgs: readonly string[]): Phase[] {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const script = (name: string) => {
    const command = scripts[name];
    if (!command) throw new Error(`package.json has no "${name}" script`);
    return command;
  };
  const typecheck = script('typecheck').split('&&').map((step) => step.trim());
  return [
    { name: 'codegen check', command: `${script('codegen')} --check`, live: false },
    ...typecheck.map((command) => ({ name: `typecheck: ${programName(command)}`, command, live: false })),
    { name: 'lint', command: script('lint'), live: false },
    { name: 'vitest', command: ['vitest', 'run', ...vitestArgs.map(shellQuote)].join(' '), live: true },
  ];
}

/** The program a command runs: `tsc` for both `tsc -p …` and `node node_modules/@typescript/native/bin/tsc -p …`. */
function programName(command: string): string {
  const [first = '', second = ''] = command.split(/\s+/);
  return first === 'node' ? basename(second) : first;
}

function shellQuote(arg: string): string {
  return /^[\w./=:@,+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Writes whole lines only, so a check's output never lands in the middle of one of vitest's lines. */
function lineWriter(): { write(chunk: string): void; flush(): void } {
  let pending = '';
  return {
    write(chunk) {
      pending += chunk;
      const end = pending.lastIndexOf('\n');
      if (end < 0) return;
      process.stdout.write(pending.slice(0, end + 1));
      pending = pending.slice(end + 1);
    },
    flush() {
      if (pending) process.stdout.write(`${pending}\n`);
      pending = '';
    },
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<number> {
  const started = performance.now();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // As npm runs scripts: the project's binaries first.
    PATH: [join(ROOT, 'node_modules', '.bin'), process.env.PATH].filter(Boolean).join(delimiter),
    // Output goes through a pipe here; keep the colours a terminal would have shown.
    ...(process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {}),
  };
  const live = lineWriter();
  const children = new Set<ReturnType<typeof spawn>>();
  const forward = (signal: NodeJS.Signals) => () => {
    for (const child of children) child.kill(signal);
  };
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));

  const run = (phase: Phase) =>
    new Promise<PhaseResult>((resolve) => {
      const child = spawn(phase.command, { cwd: ROOT, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
      children.add(child);
      let output = '';
      const collect = (chunk: Buffer) => {
        if (phase.live) live.write(chunk.toString('utf8'));
        else output += chunk.toString('utf8');
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.once('close', (code, signal) => {
        children.delete(child);
        const result = { name: phase.name, command: phase.command, code: code ?? (signal ? 1 : 0), ms: performance.now() - started };
        if (!phase.live) {
          const status = result.code === 0 ? 'ok' : `FAILED (exit ${result.code})`;
          live.write(`\n── ${phase.name}: ${phase.command} — ${status} after ${seconds(result.ms)} ──\n${output.trimEnd() ? `${output.trimEnd()}\n` : ''}`);
        }
        resolve(result);
      });
    });

  const results = await Promise.all(phases(process.argv.slice(2)).map(run));
  live.flush();
  const totalMs = performance.now() - started;
  const width = Math.max(...results.map((result) => result.name.length));
  console.log(`\nnpm test, every phase started at once:`);
  for (const result of results) {
    console.log(`  ${result.name.padEnd(width)}  ${(result.code === 0 ? 'ok' : 'FAILED').padEnd(6)}  ${seconds(result.ms).padStart(8)}`);
  }
  console.log(`  ${'total'.padEnd(width)}  ${''.padEnd(6)}  ${seconds(totalMs).padStart(8)}`);
  if (process.env.TEST_PHASES_FILE) {
    writeFileSync(process.env.TEST_PHASES_FILE, `${JSON.stringify({ totalMs, phases: results }, null, 2)}\n`);
  }
  return results.find((result) => result.code !== 0)?.code ?? 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
