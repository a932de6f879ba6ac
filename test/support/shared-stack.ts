import { inject } from 'vitest';
import type { OtpEndpoints } from './otp-stack.ts';

let endpoints: Promise<OtpEndpoints> | undefined;

/**
 * The shared end-to-end stack's endpoints (./global-setup.ts), once it serves: the first file of the run to ask starts
 * it. Call it at the top of a test file (`const endpoints = await sharedEndpoints();`).
 */
export function sharedEndpoints(): Promise<OtpEndpoints> {
  endpoints ??= (async () => {
    const response = await fetch(`${inject('sharedStackUrl')}/endpoints`);
    if (!response.ok) throw new Error(`The shared e2e stack did not start: ${await response.text()}`);
    return (await response.json()) as OtpEndpoints;
  })();
  return endpoints;
}

/**
 * The shared stack's settle barrier (LocalStack.settled): resolves once it has dealt with everything written before
 * the call, and with what that wrote in turn. Other files keep the stack busy meanwhile; their writes do not hold it up.
 * For checks that something did not happen (no second email), instead of a fixed wait a slow machine can make too short.
 */
export async function sharedStackSettled(): Promise<void> {
  const response = await fetch((await sharedEndpoints()).settleUrl, { method: 'POST' });
  if (!response.ok) throw new Error(`The shared e2e stack did not settle: ${await response.text()}`);
}
