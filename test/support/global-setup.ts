import type { TestProject } from 'vitest/node';
import type { Endpoints } from '../../local/endpoints.ts';
import { startLocalStack } from '../../local/stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    endpoints: Endpoints;
  }
}

/** Starts one local stack (free ports, in-memory data) for the end-to-end suites and stops it after them. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stack = await startLocalStack({ stateDir: '.local/test-stack', web: true, log: () => {} });
  project.provide('endpoints', stack.endpoints);
  return () => stack.stop();
}
