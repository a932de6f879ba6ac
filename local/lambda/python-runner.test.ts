/**
 * Python functions run in python-host.py under the machine's python3 with the same semantics as Node.js functions:
 * their own environment only, a warm container, Lambda's context, errors as Lambda's Python runtime reports them,
 * the timeout killing the container, and the event (a DynamoDB stream batch here) passed through unchanged.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adjustableClock } from '../appsync/runtime/clock.ts';
import type { LambdaFunctionConfig } from '../stack-description.ts';
import { findPython } from './find-python.ts';
import { findLocalFunction } from './function-directory.ts';
import { createFunctionRunner, type FunctionRunner } from './function-runner.ts';

const HANDLER_SOURCE = `
import json, os, sys, time

invocations = 0
loaded_at = time.time()

class CustomError(Exception):
    pass

def handler(event, context):
    global invocations
    invocations += 1
    action = event.get("action") if isinstance(event, dict) else None
    if action == "env":
        return {"env": dict(os.environ)}
    if action == "count":
        return {"invocations": invocations, "loadedAt": loaded_at}
    if action == "throw":
        raise CustomError("boom")
    if action == "sleep":
        time.sleep(event["seconds"])
        return {"slept": True}
    if action == "log":
        print("hello from python")
        print("to stderr", file=sys.stderr)
        return None
    if action == "exit":
        sys.exit(3)
    if action == "unserializable":
        return {"value": object()}
    if action == "now":
        import datetime
        return {"time": time.time() * 1000, "datetime": datetime.datetime.now(datetime.timezone.utc).timestamp() * 1000}
    if action == "context":
        return {"name": context.function_name, "remaining": context.get_remaining_time_in_millis(),
                "id": context.aws_request_id, "arn": context.invoked_function_arn}
    return {"echo": event}
`;

/** A DynamoDB stream batch as the poller delivers it (stream-record.ts). */
const STREAM_EVENT = {
  Records: [
    {
      eventID: '1',
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'eu-west-1',
      dynamodb: {
        ApproximateCreationDateTime: 1_700_000_000,
        Keys: { pk: { S: 'SESSION#1' } },
        NewImage: { pk: { S: 'SESSION#1' }, attempts: { N: '0' }, tags: { SS: ['a'] } },
        SequenceNumber: '100',
        SizeBytes: 42,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: 'arn:aws:dynamodb:eu-west-1:000000000000:table/T/stream/local',
    },
  ],
};

function functionConfig(codeDir: string, overrides: Partial<LambdaFunctionConfig> = {}): LambdaFunctionConfig {
  return {
    logicalId: 'PyFn',
    name: 'py-fn',
    handler: 'app.handler',
    codeDir,
    runtime: 'python3.12',
    environment: { OWN_SETTING: 'mine' },
    timeoutSeconds: 1,
    memorySize: 256,
    ...overrides,
  };
}

const python = await findPython();

describe.skipIf(!python)('createFunctionRunner with a Python function (skipped without python3 on the PATH)', () => {
  let codeDir: string;
  let runner: FunctionRunner;
  const lines: string[] = [];

  beforeAll(() => {
    codeDir = mkdtempSync(join(tmpdir(), 'py-runner-'));
    writeFileSync(join(codeDir, 'app.py'), HANDLER_SOURCE);
    process.env.HOST_ONLY_SECRET = 'must-not-leak';
    runner = createFunctionRunner({
      config: functionConfig(codeDir),
      region: 'eu-west-1',
      endpoints: { AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:1' },
      log: (line) => lines.push(line),
    });
  });
  afterAll(async () => {
    await runner.stop();
    delete process.env.HOST_ONLY_SECRET;
    rmSync(codeDir, { recursive: true, force: true });
  });
  afterEach(() => {
    lines.length = 0;
  });

  it("gives the function its own environment plus Lambda's runtime variables only", async () => {
    const outcome = await runner.invoke({ action: 'env' });
    if (!('result' in outcome)) throw new Error(`unexpected ${JSON.stringify(outcome)}`);
    const env = (outcome.result as { env: Record<string, string> }).env;
    expect(env).toMatchObject({
      OWN_SETTING: 'mine',
      AWS_REGION: 'eu-west-1',
      AWS_LAMBDA_FUNCTION_NAME: 'py-fn',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_EXECUTION_ENV: 'AWS_Lambda_python3.12',
      LAMBDA_TASK_ROOT: codeDir,
      _HANDLER: 'app.handler',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:1',
    });
    expect(env.HOST_ONLY_SECRET).toBeUndefined();
    expect(Object.keys(env).filter((key) => key.startsWith('VITEST') || key.startsWith('NODE_'))).toEqual([]);
  });

  it('passes a stream batch through unchanged and keeps the container warm', async () => {
    expect(await runner.invoke(STREAM_EVENT)).toEqual({ result: { echo: STREAM_EVENT } });
    const first = (await runner.invoke({ action: 'count' })) as { result: { invocations: number; loadedAt: number } };
    const second = (await runner.invoke({ action: 'count' })) as { result: { invocations: number; loadedAt: number } };
    expect(second.result.loadedAt).toBe(first.result.loadedAt);
    expect(second.result.invocations).toBe(first.result.invocations + 1);
  });

  it("passes Lambda's Python context", async () => {
    const outcome = (await runner.invoke({ action: 'context' })) as { result: { name: string; remaining: number; arn: string } };
    expect(outcome.result.name).toBe('py-fn');
    expect(outcome.result.arn).toBe('arn:aws:lambda:eu-west-1:000000000000:function:py-fn');
    expect(outcome.result.remaining).toBeGreaterThan(0);
    expect(outcome.result.remaining).toBeLessThanOrEqual(1000);
  });

  it("reports an exception as Lambda's Python runtime does: its class name and message", async () => {
    expect(await runner.invoke({ action: 'throw' })).toEqual({ error: { errorType: 'CustomError', errorMessage: 'boom' } });
    await expect.poll(() => lines).toContain('[py-fn] [ERROR] CustomError: boom');
  });

  it('reports a result that is not JSON as Runtime.MarshalError', async () => {
    expect(await runner.invoke({ action: 'unserializable' })).toMatchObject({ error: { errorType: 'Runtime.MarshalError' } });
  });

  it('forwards print() output to the log, line by line', async () => {
    await runner.invoke({ action: 'log' });
    await expect.poll(() => lines).toContain('[py-fn] hello from python');
    expect(lines).toContain('[py-fn] to stderr');
  });

  it('times out, kills the container, and cold-starts a new one next time', async () => {
    const before = (await runner.invoke({ action: 'count' })) as { result: { loadedAt: number } };
    expect(await runner.invoke({ action: 'sleep', seconds: 5 })).toEqual({
      error: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 1.00 seconds' },
    });
    const after = (await runner.invoke({ action: 'count' })) as { result: { invocations: number; loadedAt: number } };
    expect(after.result.loadedAt).not.toBe(before.result.loadedAt);
    expect(after.result.invocations).toBe(1);
  });

  it('reports sys.exit as a crashed runtime and recovers', async () => {
    expect(await runner.invoke({ action: 'exit' })).toEqual({
      error: { errorType: 'Runtime.ExitError', errorMessage: 'Runtime exited with error: exit status 3' },
    });
    expect(await runner.invoke({ n: 1 })).toEqual({ result: { echo: { n: 1 } } });
  });

  it("keeps the machine's time on a stack clock: the offset is ignored, nothing else changes", async () => {
    const clock = adjustableClock();
    clock.advance(3_600_000);
    const clocked = createFunctionRunner({ config: functionConfig(codeDir, { name: 'py-clocked' }), region: 'eu-west-1', log: () => undefined, clock });
    try {
      const before = Date.now();
      const outcome = await clocked.invoke({ action: 'now' });
      const after = Date.now();
      if (!('result' in outcome)) throw new Error(`unexpected ${JSON.stringify(outcome)}`);
      const { time, datetime } = outcome.result as { time: number; datetime: number };
      for (const value of [time, datetime]) {
        expect(value).toBeGreaterThanOrEqual(before - 1);
        expect(value).toBeLessThanOrEqual(after + 1);
      }
      expect(await clocked.invoke({ n: 2 })).toEqual({ result: { echo: { n: 2 } } });
    } finally {
      await clocked.stop();
    }
  });

  it('is listed by name for the Lambda data source until stopped', async () => {
    const other = createFunctionRunner({ config: functionConfig(codeDir, { name: 'py-listed' }), region: 'eu-west-1', log: () => undefined });
    expect(findLocalFunction('py-listed')).toBe(other);
    await other.stop();
    expect(findLocalFunction('py-listed')).toBeUndefined();
  });

  it.each([
    ['missing.handler', 'Runtime.ImportModuleError', "Unable to import module 'missing'"],
    ['app.nope', 'Runtime.HandlerNotFound', "Handler 'nope' missing on module 'app'"],
    ['broken.handler', 'Runtime.UserCodeSyntaxError', "Syntax error in module 'broken'"],
  ])('reports handler %s as %s', async (handler, errorType, message) => {
    writeFileSync(join(codeDir, 'broken.py'), 'def handler(event, context)\n    return 1\n');
    const broken = createFunctionRunner({ config: functionConfig(codeDir, { handler, name: 'py-broken' }), region: 'eu-west-1', log: () => undefined });
    try {
      const outcome = await broken.invoke({});
      expect(outcome).toMatchObject({ error: { errorType } });
      expect((outcome as { error: { errorMessage: string } }).error.errorMessage).toContain(message);
    } finally {
      await broken.stop();
    }
  });
});
