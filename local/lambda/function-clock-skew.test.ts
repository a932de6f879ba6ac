/**
 * A function on a moved stack clock signs its AWS SDK calls with that time (SigV4's X-Amz-Date comes from `Date`).
 * The local services allow AWS's 5 minutes of skew, like AWS: within it a moved function's calls are accepted
 * first time; beyond it the service refuses the signature and the SDK's own clock-skew correction (from the
 * response's Date header) makes its retry succeed, as it would against AWS.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustableClock } from '../appsync/runtime/clock.ts';
import { CREDENTIALS, REGION, startTestKms, type TestKms } from '../services/kms-local/test-kms.ts';
import { createFunctionRunner, type FunctionRunner } from './function-runner.ts';

const MINUTE = 60_000;

// One client per container, as a function keeps it between invocations; each call reports how many attempts it took.
const HANDLER_SOURCE = `
import { KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
export const handler = async () => {
  try {
    const output = await kms.send(new ListKeysCommand({}));
    return { ok: true, attempts: output.$metadata.attempts, keys: output.Keys.length };
  } catch (error) {
    return { ok: false, name: error.name, message: error.message, attempts: error.$metadata?.attempts };
  }
};
`;

interface CallReport {
  ok: boolean;
  attempts?: number;
  keys?: number;
  name?: string;
  message?: string;
}

describe("a function's AWS SDK calls on the stack's clock", () => {
  let codeDir: string;
  let testKms: TestKms;
  const runners: FunctionRunner[] = [];
  const lines: string[] = [];

  beforeAll(async () => {
    codeDir = mkdtempSync(join(tmpdir(), 'fn-skew-'));
    writeFileSync(join(codeDir, 'index.mjs'), HANDLER_SOURCE);
    testKms = await startTestKms();
  });
  afterAll(async () => {
    await Promise.all(runners.map((runner) => runner.stop()));
    await testKms?.kms.stop();
    rmSync(codeDir, { recursive: true, force: true });
  });

  async function callKms(offsetMs: number | undefined): Promise<CallReport[]> {
    const clock = adjustableClock();
    if (offsetMs !== undefined) clock.set(Date.now() + offsetMs);
    const runner = createFunctionRunner({
      config: {
        logicalId: 'SkewFn',
        name: `skew-fn-${runners.length}`,
        handler: 'index.handler',
        codeDir,
        runtime: 'nodejs20.x',
        environment: {},
        timeoutSeconds: 10,
        memorySize: 128,
      },
      region: REGION,
      credentials: CREDENTIALS,
      endpoints: { AWS_ENDPOINT_URL_KMS: testKms.kms.url },
      log: (line) => lines.push(line),
      ...(offsetMs === undefined ? {} : { clock }),
    });
    runners.push(runner);
    const reports: CallReport[] = [];
    for (const _ of [1, 2]) {
      const outcome = await runner.invoke({});
      if (!('result' in outcome)) throw new Error(`unexpected ${JSON.stringify(outcome)}`);
      reports.push(outcome.result as CallReport);
    }
    return reports;
  }

  it('is accepted at once without a clock, and with the clock moved up to the 5-minute skew either way', async () => {
    const keys = Object.keys(testKms.keys).length;
    for (const offsetMs of [undefined, 61_000, 4 * MINUTE, -4 * MINUTE]) {
      expect(await callKms(offsetMs), `offset ${offsetMs}`).toEqual([
        { ok: true, attempts: 1, keys },
        { ok: true, attempts: 1, keys },
      ]);
    }
  });

  it("is refused past the skew and corrected by the SDK's retry, then signed right at once", async () => {
    const keys = Object.keys(testKms.keys).length;
    for (const offsetMs of [6 * MINUTE, 60 * MINUTE]) {
      expect(await callKms(offsetMs), `offset ${offsetMs}`).toEqual([
        { ok: true, attempts: 2, keys },
        { ok: true, attempts: 1, keys },
      ]);
    }
  });
});
