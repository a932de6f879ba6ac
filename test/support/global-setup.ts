import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { OtpEndpoints } from './otp-stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    endpoints: OtpEndpoints;
  }
}

/** How long the shared stack may take to serve (a fresh clone synthesizes the app first; a loaded machine is slow). */
const START_TIMEOUT_MS = 180_000;

const SHARED = Symbol.for('otp-appsync.shared-e2e-stack');

interface SharedStack {
  endpoints: OtpEndpoints;
  stop(): Promise<void>;
}

/**
 * Starts one local stack (free ports, in-memory data) for the end-to-end suites in a process of its own
 * (shared-stack-process.ts) and stops it after them; its send budgets are raised (LOAD_CONTEXT), everything else is
 * the product's default.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The e2e files that need a module graph of their own are a project of their own (vitest.config.ts): one stack
  // serves both projects.
  const processState = globalThis as { [SHARED]?: Promise<SharedStack> };
  const shared = await (processState[SHARED] ??= startShared());
  project.provide('endpoints', shared.endpoints);
  return shared.stop;
}

async function startShared(): Promise<SharedStack> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'shared-stack-process.ts')], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  // One stop for every project's teardown: the child is signalled once and each caller waits for the same exit.
  let stopping: Promise<unknown> | undefined;
  const stop = async () => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        // Over IPC while connected (see shared-stack-process.ts); a signal only when the channel is gone.
        if (child.connected) child.send({ stop: true });
        else child.kill('SIGTERM');
      }
      await exited;
    })();
    await stopping;
  };
  try {
    const endpoints = await new Promise<OtpEndpoints>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`the shared e2e stack did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
      child.once('message', (message: { endpoints: OtpEndpoints }) => {
        clearTimeout(timer);
        done(message.endpoints);
      });
      void exited.then((code) => {
        clearTimeout(timer);
        fail(new Error(`the shared e2e stack exited (code ${code}) before it served; its output is above`));
      });
    });
    return { endpoints, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
