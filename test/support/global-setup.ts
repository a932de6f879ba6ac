import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { OtpEndpoints } from './otp-stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where a test file asks for the shared stack's endpoints (./shared-stack.ts). */
    sharedStackUrl: string;
  }
}

/** How long the shared stack may take to serve (a fresh clone synthesizes the app first; a loaded machine is slow). */
const START_TIMEOUT_MS = 180_000;

const SHARED = Symbol.for('otp-appsync.shared-e2e-stack');

interface SharedStack {
  endpoints: OtpEndpoints;
  stop(): Promise<void>;
}

interface SharedStackBroker {
  url: string;
  stop(): Promise<void>;
}

/**
 * One local stack (free ports, in-memory data) for the end-to-end files, in a process of its own
 * (shared-stack-process.ts); its send budgets are raised (LOAD_CONTEXT), everything else is the product's default.
 *
 * Started by the first file that asks for it (`GET /endpoints`, ./shared-stack.ts), not here: unit and end-to-end
 * files are one vitest project (vitest.config.ts), and a run of unit files alone must not start a stack it never uses.
 * Stopped after the run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Each project loads this file anew and runs its set-up in the same process: one broker serves them all.
  const processState = globalThis as { [SHARED]?: Promise<SharedStackBroker> };
  const broker = await (processState[SHARED] ??= startBroker());
  project.provide('sharedStackUrl', broker.url);
  return broker.stop;
}

async function startBroker(): Promise<SharedStackBroker> {
  let shared: Promise<SharedStack> | undefined;
  const server = createServer((request, response) => {
    request.resume();
    if (request.method !== 'GET' || request.url !== '/endpoints') {
      response.writeHead(404).end();
      return;
    }
    shared ??= startShared();
    shared.then(
      (stack) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stack.endpoints)),
      (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(error.message),
    );
  });
  // Requests wait as long as the stack takes to start.
  server.requestTimeout = 0;
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  let stopping: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      (stopping ??= (async () => {
        server.closeAllConnections();
        await new Promise((closed) => server.close(closed));
        await shared?.then((stack) => stack.stop(), () => {});
      })()),
  };
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
