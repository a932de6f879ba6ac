/**
 * The AWS SDK the Node.js runtime provides, for functions whose folder does not hold it: `import` (ESM and CommonJS
 * code alike) and `require` (CommonJS and inline `Code.ZipFile` functions) find `@aws-sdk/*` as on Lambda, and only
 * that: any other package must come with the function, as it must on Lambda.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LambdaFunctionConfig } from '../stack-description.ts';
import { createFunctionRunner, type FunctionRunner } from './function-runner.ts';

// A folder outside the repository: nothing there resolves `@aws-sdk/*` on its own.
let codeDir: string;
const runners: FunctionRunner[] = [];

function runnerFor(file: string, source: string): FunctionRunner {
  const dir = mkdtempSync(join(codeDir, 'fn-'));
  writeFileSync(join(dir, file), source);
  const config: LambdaFunctionConfig = {
    logicalId: 'Fn',
    name: `runtime-modules-${runners.length}`,
    handler: 'index.handler',
    codeDir: dir,
    runtime: 'nodejs20.x',
    environment: {},
    timeoutSeconds: 10,
    memorySize: 128,
  };
  const runner = createFunctionRunner({ config, region: 'eu-west-1', log: () => undefined });
  runners.push(runner);
  return runner;
}

beforeAll(() => {
  codeDir = mkdtempSync(join(tmpdir(), 'runtime-modules-'));
});
afterAll(async () => {
  await Promise.all(runners.map((runner) => runner.stop()));
  rmSync(codeDir, { recursive: true, force: true });
});

describe("the runtime's AWS SDK", () => {
  it("is found by a CommonJS function's require(), as an inline function on Lambda finds it", async () => {
    const runner = runnerFor(
      'index.js',
      "const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');\n" +
        'exports.handler = async () => ({ client: typeof SNSClient, command: new PublishCommand({ TopicArn: "t", Message: "m" }).input.Message });\n',
    );
    expect(await runner.invoke({})).toEqual({ result: { client: 'function', command: 'm' } });
  });

  it('is found by import() in CommonJS code and by import in an ES module', async () => {
    const cjs = runnerFor('index.js', "exports.handler = async () => typeof (await import('@aws-sdk/client-sns')).SNSClient;\n");
    const esm = runnerFor('index.mjs', "import { SNSClient } from '@aws-sdk/client-sns';\nexport const handler = async () => typeof SNSClient;\n");
    expect(await cjs.invoke({})).toEqual({ result: 'function' });
    expect(await esm.invoke({})).toEqual({ result: 'function' });
  });

  it('provides nothing else: require() of another package fails as it would on Lambda', async () => {
    const runner = runnerFor('index.js', "exports.handler = async () => require('graphql').version;\n");
    expect(await runner.invoke({})).toMatchObject({ error: { errorType: 'Error', errorMessage: expect.stringContaining("Cannot find module 'graphql'") } });
  });
});
