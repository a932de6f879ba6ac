import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const EXCLUDE = ['node_modules/**', 'dist/**', 'cdk.out/**', '.local/**', 'web/dist/**'];

/** Where test files live. */
const TEST_FOLDERS = ['resolvers', 'functions', 'infra', 'local', 'web', 'scripts', 'test'];

/**
 * Test files share one module graph per worker instead of importing everything anew per file (aws-cdk-lib, the engine
 * and the SDK clients were imported once per file: the unit suites' CPU time went from 163 to 98 s, the end-to-end
 * suites' from 178 to 148 s, measured under equal load). Module mocks, spies and stubs would outlive their file in a
 * shared graph (a spy on a client's prototype would answer another file's real requests), so a file that uses them
 * gets a graph of its own, found by reading the files: a new one is isolated without a list to keep.
 */
const NEEDS_ISOLATION = /\bvi\.(mock|doMock|spyOn|stubGlobal|stubEnv|useFakeTimers)\(/;

function filesNeedingIsolation(folders: readonly string[]): string[] {
  return folders.flatMap((folder) =>
    readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .map((file) => join(folder, file))
      .filter((file) => file.endsWith('.test.ts') && !/(^|\/)(node_modules|dist)\//.test(file))
      .filter((file) => NEEDS_ISOLATION.test(readFileSync(file, 'utf8'))),
  );
}

/**
 * Two projects: the files that share module graphs (`shared`) and those that need their own (`isolated`). Unit and
 * end-to-end files are one project: a worker serves only its project's files, so two projects (unit, e2e) had twice
 * the workers, each importing the same modules again. With the shared stack started on first use (global-setup.ts):
 * vitest alone, back to back on the same machine, 345 → 287 s of CPU and 217 → 182 s.
 */
function projects(folders: readonly string[]): TestProjectInlineConfiguration[] {
  const include = [`{${folders.join(',')}}/**/*.test.ts`];
  const isolated = filesNeedingIsolation(folders);
  return [
    { extends: true, test: { name: 'shared', include, exclude: [...EXCLUDE, ...isolated], isolate: false } },
    ...(isolated.length > 0 ? [{ extends: true as const, test: { name: 'isolated', include: isolated, isolate: true } }] : []),
  ];
}

// DynamoDB Local's JVM flags (C1 only, serial collector: half the CPU in a test run) are startDynamoDbLocal's default.

export default defineConfig({
  test: {
    exclude: EXCLUDE,
    testTimeout: 30_000,
    // Browser and stream assertions poll: on a loaded 2-core machine one second (vitest's default) is not enough.
    expect: { poll: { timeout: 20_000, interval: 100 } },
    hookTimeout: 120_000,
    // Every project inherits these set-ups, and each serves the whole run once: the OtpService construct's prebuilt
    // code, built before any test synthesizes the stack; the pool of DynamoDB Local JVMs that the files' stacks lease
    // from (local/test-support/dynamodb-local.ts); the end-to-end files' shared local stack, started as `npm start`
    // starts it, in a process of its own, when the first file asks for it (test/support/shared-stack.ts).
    globalSetup: ['test/support/build-construct-assets.ts', 'local/test-support/dynamodb-local-pool-setup.ts', 'test/support/global-setup.ts'],
    // Each file's testApp folders are removed after it; `npm run bench` (which sets SUITE_TIMES_FILE) also times each
    // file's CPU.
    setupFiles: ['test/support/remove-test-apps.ts', ...(process.env.SUITE_TIMES_FILE ? ['bench/suite-cpu.ts'] : [])],
    // Test files start Java (DynamoDB Local) and Chromium, and wait on streams, emails and browsers much of the time:
    // three at a time fills a 2-core machine's idle time without starving it (npm test, warm caches, same machine:
    // 250 s with two, 232 s with three; CPU the same).
    maxWorkers: 3,
    // Transformed modules kept on disk between runs (node_modules/.experimental-vitest-cache, keyed on each file's
    // content and the config): vitest's main process, warm, 9.2 → 5.0 s of CPU a run (its transforms 20.8 → 3.6 s).
    experimental: { fsModuleCache: true },
    projects: projects(TEST_FOLDERS),
  },
});
