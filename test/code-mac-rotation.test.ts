/**
 * Rotating the code MAC key as README.md's procedure does it, on a stack of this file's own: the product's stack runs
 * with its own key A and emails a code; then, as after `cdk deploy -c codeMacKeyArn=<B> -c previousCodeMacKeyArns=<A>`,
 * the same stack (its table and KMS kept: `persist`) runs again with key B. The code MAC'd under A still verifies,
 * because its session names A; new codes are MAC'd under B. Both runs hold no secret in any function's or the API's
 * environment, as the local stack runs them (`stack.config`).
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CODE_MAC_KEY_VARIABLE } from '../infra/model/index.ts';
import { GenerateOtpDocument, VerifyOtpDocument } from '../infra/documents/generated/graphql.ts';
import { createMacKey, localKms } from './support/code-macs.ts';
import { graphql } from './support/graphql-client.ts';
import { codeIn, uniqueEmail, waitForEmail } from './support/inbox.ts';
import { startOtpStack, type OtpStack } from './support/otp-stack.ts';
import { findSecretsInEnvironments } from './support/secret-scan.ts';
import { SessionTable } from './support/table.ts';

const STATE_DIR = '.local/test-code-mac-rotation';

let running: OtpStack | undefined;
afterAll(() => running?.stop());

/** The stack on the persisted state (table, KMS keys), with `context`; the synthesized app is kept between runs. */
async function start(context: Record<string, string> = {}): Promise<OtpStack> {
  running = await startOtpStack({ stateDir: STATE_DIR, persist: true, web: false, log: () => {}, context });
  return running;
}

async function stop(): Promise<void> {
  await running?.stop();
  running = undefined;
}

/** The key the email function MACs codes with; every environment the stack runs is checked for secrets first. */
function emailFunctionKey(stack: OtpStack): string {
  const environments = {
    ...Object.fromEntries(stack.config.functions.map((fn) => [fn.name, fn.environment])),
    ...Object.fromEntries(stack.config.apis.map((api) => [api.name, api.environmentVariables])),
  };
  expect(findSecretsInEnvironments(environments)).toEqual([]);
  expect(JSON.stringify(environments)).not.toMatch(/OTP_HMAC_SECRET/);
  // The email and the SMS function MAC codes with the same key.
  const keys = stack.config.functions.map((fn) => fn.environment[CODE_MAC_KEY_VARIABLE]).filter(Boolean);
  expect(keys).toHaveLength(2);
  expect(new Set(keys).size).toBe(1);
  return keys[0]!;
}

/** generateOtp, the emailed code, and the key its session names. */
async function emailedSession(stack: OtpStack, label: string): Promise<{ sessionId: string; code: string; keyId: string }> {
  const email = uniqueEmail(label);
  const sessionId = (await graphql(stack.endpoints, GenerateOtpDocument, { email })).body.data?.generateOtp?.sessionId ?? '';
  const code = codeIn(await waitForEmail(stack.endpoints, email, 30_000));
  const table = new SessionTable(stack.endpoints);
  try {
    const codes = Object.values((await table.session(sessionId))?.codes ?? {});
    expect(codes).toHaveLength(1);
    return { sessionId, code, keyId: codes[0]!.keyId };
  } finally {
    table.close();
  }
}

describe('rotating the code MAC key', () => {
  it('keeps codes MAC\'d under the previous key verifying while new codes are MAC\'d under the new one', async () => {
    // A fresh table and KMS; the synthesized app (cdk.out) is kept, so a rerun synthesizes only what changed.
    mkdirSync(STATE_DIR, { recursive: true });
    for (const entry of readdirSync(STATE_DIR, { withFileTypes: true }).filter((candidate) => candidate.name !== 'cdk.out')) {
      rmSync(join(STATE_DIR, entry.name), { recursive: true, force: true });
    }

    // The service with the key the construct creates (A): a code is emailed and not yet used.
    const first = await start();
    const keyA = emailFunctionKey(first);
    const before = await emailedSession(first, 'rotation-before');
    expect(before.keyId).toBe(keyA);
    const kms = localKms(first.endpoints);
    const keyB = await createMacKey(kms);
    kms.destroy();
    await stop();

    // Rotated: B makes new MACs, A may still verify (README step 2).
    const second = await start({ codeMacKeyArn: keyB, previousCodeMacKeyArns: keyA });
    expect(emailFunctionKey(second)).toBe(keyB);
    const after = await emailedSession(second, 'rotation-after');
    expect(after.keyId).toBe(keyB);

    const verify = (session: { sessionId: string; code: string }) => graphql(second.endpoints, VerifyOtpDocument, session);
    expect((await verify(before)).body.data?.verifyOtp).toMatchObject({ verified: true, status: 'VERIFIED' });
    expect((await verify(after)).body.data?.verifyOtp).toMatchObject({ verified: true, status: 'VERIFIED' });
    await stop();
  }, 300_000);
});
