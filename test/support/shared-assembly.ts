/**
 * The stack description the shared e2e stack already synthesized, for tests that need the API definition (to start
 * an engine of their own) without a second synth.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readStack, type ApiConfig, type StackDescription } from 'appsync-local';
import { OTP_STACK } from '../../appsync-local.config.ts';

/** Where test/support/global-setup.ts synthesizes the CDK app for the shared e2e stack. */
export const SHARED_ASSEMBLY_DIR = resolve('.local/test-stack/cdk.out');

/** The stack's description read from the shared e2e assembly, with fresh local key and secret values (readStack's defaults). */
export function readSharedStack(region: string): StackDescription {
  if (!existsSync(SHARED_ASSEMBLY_DIR)) throw new Error(`no synthesized app at ${SHARED_ASSEMBLY_DIR}: run through the e2e project`);
  return readStack(SHARED_ASSEMBLY_DIR, OTP_STACK.stack, {
    region,
    accountId: '000000000000',
  });
}

/** The one AppSync API of a stack description. */
export function onlyApi(config: StackDescription): ApiConfig {
  const [api] = config.apis;
  if (!api) throw new Error('the stack has no AppSync API');
  return api;
}
