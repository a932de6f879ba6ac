import type { TestProject } from 'vitest/node';
import type { OtpEndpoints } from './otp-stack.ts';
import { startOtpStack } from './otp-stack.ts';
import { LOAD_CONTEXT } from './load-context.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    endpoints: OtpEndpoints;
  }
}

/**
 * Starts one local stack (free ports, in-memory data) for the end-to-end suites and stops it after them; its send
 * budgets are raised (LOAD_CONTEXT), everything else is the product's default.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stack = await startOtpStack({ stateDir: '.local/test-stack', web: true, log: () => {}, context: { ...LOAD_CONTEXT } });
  project.provide('endpoints', stack.endpoints);
  return () => stack.stop();
}
