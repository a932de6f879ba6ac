import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { OtpEndpoints } from './otp-stack.ts';
import { startServiceProcess } from './service-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where a test file asks for the shared stack's endpoints (./shared-stack.ts). */
    sharedStackUrl: string;
  }
}

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
  const service = await startServiceProcess<OtpEndpoints>(resolve(import.meta.dirname, 'shared-stack-process.ts'), [], 'the shared e2e stack');
  return { endpoints: service.ready, stop: service.stop };
}
