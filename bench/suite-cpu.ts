/**
 * A vitest setup file, added by vitest.config.ts when SUITE_TIMES_FILE is set (`npm run bench`): puts each test
 * file's CPU time on its task's meta (`cpuMs`), which bench/suite-times-reporter.ts writes beside its wall time.
 *
 * The CPU is the worker's, from the file's first hook to its last, plus that of the child processes it ended in that
 * time (a DynamoDB Local, a Chromium, a Lambda host, `npm pack`): on Linux, /proc/self/stat's utime + stime + cutime +
 * cstime. Work done for the file by processes it did not start (the shared end-to-end stack) is not in it; neither is
 * importing the file. Elsewhere, the worker's own CPU only.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';

declare module '@vitest/runner' {
  interface TaskMeta {
    /** The file's CPU time, ms (bench/suite-cpu.ts). */
    cpuMs?: number;
  }
}

/** USER_HZ: the unit of /proc's CPU times. */
const TICK_MS = 10;

function cpuMs(): number {
  try {
    // The fields after the command name, which is in parentheses and may hold spaces.
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0);
    if (Number.isFinite(ticks)) return ticks * TICK_MS;
  } catch {
    // Not Linux.
  }
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

let startMs = 0;
beforeAll(() => {
  startMs = cpuMs();
});
// vitest reads the first parameter's pattern to find fixtures, and accepts only a destructuring one.
afterAll(({}, suite) => {
  suite.file.meta.cpuMs = cpuMs() - startMs;
});
