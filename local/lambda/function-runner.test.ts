import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adjustableClock } from '../appsync/runtime/clock.ts';
import type { LambdaFunctionConfig } from '../stack-description.ts';
import { createFunctionRunner, type FunctionRunner } from './function-runner.ts';

// A handler whose behaviour the event chooses; module state shows whether the container stayed warm.
const HANDLER_SOURCE = `
let invocations = 0;
const loadedAt = Date.now();
export const handler = async (event, context) => {
  invocations += 1;
  if (event.action === 'env') return { env: { ...process.env } };
  if (event.action === 'count') return { invocations, loadedAt };
  if (event.action === 'throw') { const e = new Error('boom'); e.name = 'CustomError'; throw e; }
  if (event.action === 'sleep') { await new Promise((r) => setTimeout(r, event.ms)); return { slept: true, invocations }; }
  if (event.action === 'log') { console.log('hello from the function'); console.error('to stderr'); return null; }
  if (event.action === 'exit') process.exit(3);
  if (event.action === 'context') return { name: context.functionName, remaining: context.getRemainingTimeInMillis(), id: context.awsRequestId };
  return { echo: event };
};
`;

function functionConfig(codeDir: string, overrides: Partial<LambdaFunctionConfig> = {}): LambdaFunctionConfig {
  return {
    logicalId: 'TestFn',
    name: 'test-fn',
    handler: 'index.handler',
    codeDir,
    runtime: 'nodejs20.x',
    environment: { OWN_SETTING: 'mine' },
    timeoutSeconds: 1,
    memorySize: 128,
    ...overrides,
  };
}

describe('createFunctionRunner', () => {
  let codeDir: string;
  let runner: FunctionRunner;
  const lines: string[] = [];

  beforeAll(() => {
    codeDir = mkdtempSync(join(tmpdir(), 'fn-runner-'));
    writeFileSync(join(codeDir, 'index.mjs'), HANDLER_SOURCE);
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

  it('gives the function its own environment plus the Lambda runtime variables only', async () => {
    const outcome = await runner.invoke({ action: 'env' });
    if (!('result' in outcome)) throw new Error(`unexpected ${JSON.stringify(outcome)}`);
    const env = (outcome.result as { env: Record<string, string> }).env;
    expect(env).toMatchObject({
      OWN_SETTING: 'mine',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_LAMBDA_FUNCTION_NAME: 'test-fn',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
      LAMBDA_TASK_ROOT: codeDir,
      _HANDLER: 'index.handler',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:1',
    });
    expect(env.HOST_ONLY_SECRET).toBeUndefined();
    expect(env.NODE_OPTIONS).toBeUndefined();
    expect(Object.keys(env).filter((key) => key.startsWith('VITEST'))).toEqual([]);
  });

  it('keeps the container warm between invocations', async () => {
    const first = await runner.invoke({ action: 'count' });
    const second = await runner.invoke({ action: 'count' });
    const a = (first as { result: { invocations: number; loadedAt: number } }).result;
    const b = (second as { result: { invocations: number; loadedAt: number } }).result;
    expect(b.loadedAt).toBe(a.loadedAt);
    expect(b.invocations).toBe(a.invocations + 1);
  });

  it('passes a Lambda-like context', async () => {
    const outcome = (await runner.invoke({ action: 'context' })) as { result: { name: string; remaining: number } };
    expect(outcome.result.name).toBe('test-fn');
    expect(outcome.result.remaining).toBeGreaterThan(0);
    expect(outcome.result.remaining).toBeLessThanOrEqual(1000);
  });

  it('reports a thrown error as errorType/errorMessage', async () => {
    expect(await runner.invoke({ action: 'throw' })).toEqual({
      error: { errorType: 'CustomError', errorMessage: 'boom' },
    });
  });

  it('forwards stdout and stderr to the logger, prefixed with the function name', async () => {
    await runner.invoke({ action: 'log' });
    // Output arrives through pipes; give the line reader a moment.
    await expect.poll(() => lines).toContain('[test-fn] hello from the function');
    expect(lines).toContain('[test-fn] to stderr');
    expect(lines.some((line) => /^\[test-fn\] START RequestId: /.test(line))).toBe(true);
    expect(lines.some((line) => /^\[test-fn\] REPORT RequestId: .* Duration: /.test(line))).toBe(true);
  });

  it('times out, kills the container, and cold-starts a new one next time', async () => {
    const before = (await runner.invoke({ action: 'count' })) as { result: { loadedAt: number } };
    const timedOut = await runner.invoke({ action: 'sleep', ms: 5000 });
    expect(timedOut).toEqual({ error: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 1.00 seconds' } });
    const after = (await runner.invoke({ action: 'count' })) as { result: { invocations: number; loadedAt: number } };
    expect(after.result.loadedAt).not.toBe(before.result.loadedAt);
    expect(after.result.invocations).toBe(1);
  });

  it('reports a crashed runtime and recovers on the next invocation', async () => {
    const crashed = await runner.invoke({ action: 'exit' });
    expect(crashed).toEqual({ error: { errorType: 'Runtime.ExitError', errorMessage: 'Runtime exited with error: exit status 3' } });
    expect(await runner.invoke({ action: 'echo', n: 1 })).toEqual({ result: { echo: { action: 'echo', n: 1 } } });
  });

  it('runs invocations one at a time per container', async () => {
    const results = await Promise.all([
      runner.invoke({ action: 'sleep', ms: 100 }),
      runner.invoke({ action: 'sleep', ms: 100 }),
    ]);
    const counts = results.map((outcome) => (outcome as { result: { invocations: number } }).result.invocations);
    expect(counts[1]).toBe((counts[0] ?? 0) + 1);
  });

  it('reports activity as each invocation starts and ends, also when the function fails', async () => {
    const events: string[] = [];
    const watched = createFunctionRunner({
      config: functionConfig(codeDir, { name: 'watched-fn' }),
      region: 'eu-west-1',
      log: (line) => {
        if (/ (START|END) RequestId/.test(line)) events.push(line.includes(' START ') ? 'START' : 'END');
      },
      onActivity: () => events.push('activity'),
    });
    try {
      await Promise.all([watched.invoke({ action: 'sleep', ms: 50 }), watched.invoke({ action: 'throw' })]);
      // Queued invocations report when each runs, not when it is queued.
      expect(events).toEqual(['activity', 'START', 'END', 'activity', 'activity', 'START', 'END', 'activity']);
    } finally {
      await watched.stop();
    }
  });

  it('reports a missing handler module as Runtime.ImportModuleError', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'fn-empty-'));
    const broken = createFunctionRunner({ config: functionConfig(empty), region: 'eu-west-1', log: () => undefined });
    try {
      const outcome = await broken.invoke({});
      expect(outcome).toMatchObject({ error: { errorType: 'Runtime.ImportModuleError' } });
    } finally {
      await broken.stop();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

// A handler that reports every way it can read "now", and how its Date still behaves as a Date.
const CLOCK_HANDLER_SOURCE = `
const loadedAt = Date.now();
class Stamp extends Date {}
export const handler = async (event, context) => {
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, event.sleepMs ?? 0));
  return {
    now: Date.now(),
    iso: new Date().toISOString(),
    called: Date(),
    loadedAt,
    epoch: new Date(0).toISOString(),
    parsed: Date.parse('2001-02-03T04:05:06.000Z'),
    utc: Date.UTC(2001, 1, 3),
    fromParts: new Date(2001, 1, 3).getFullYear(),
    stamp: new Stamp().getTime(),
    stampIsDate: new Stamp() instanceof Date && new Date() instanceof Stamp === false,
    viaConstructor: new (new Date(0).constructor)().getTime(),
    name: Date.name,
    sleptMs: performance.now() - started,
    remaining: context.getRemainingTimeInMillis(),
  };
};
`;

interface ClockReadings {
  now: number;
  iso: string;
  called: string;
  loadedAt: number;
  epoch: string;
  parsed: number;
  utc: number;
  fromParts: number;
  stamp: number;
  stampIsDate: boolean;
  viaConstructor: number;
  name: string;
  sleptMs: number;
  remaining: number;
}

describe("createFunctionRunner with the stack's clock", () => {
  const HOUR = 3_600_000;
  let codeDir: string;
  const runners: FunctionRunner[] = [];

  function clockRunner(clock?: ReturnType<typeof adjustableClock>): FunctionRunner {
    const runner = createFunctionRunner({
      config: functionConfig(codeDir, { timeoutSeconds: 2 }),
      region: 'eu-west-1',
      log: () => undefined,
      ...(clock ? { clock } : {}),
    });
    runners.push(runner);
    return runner;
  }

  async function readings(runner: FunctionRunner, event: { sleepMs?: number } = {}): Promise<{ before: number; after: number; seen: ClockReadings }> {
    const before = Date.now();
    const outcome = await runner.invoke(event);
    const after = Date.now();
    if (!('result' in outcome)) throw new Error(`unexpected ${JSON.stringify(outcome)}`);
    return { before, after, seen: outcome.result as ClockReadings };
  }

  /** Every reading of "now" lies in [from, to] (ms; Date() has whole seconds). */
  function expectNowWithin(seen: ClockReadings, from: number, to: number): void {
    for (const value of [seen.now, Date.parse(seen.iso), seen.stamp, seen.viaConstructor]) {
      expect(value).toBeGreaterThanOrEqual(from);
      expect(value).toBeLessThanOrEqual(to);
    }
    expect(Date.parse(seen.called)).toBeGreaterThanOrEqual(Math.floor(from / 1000) * 1000);
    expect(Date.parse(seen.called)).toBeLessThanOrEqual(to);
  }

  /** What does not depend on "now" is the same whatever the clock. */
  function expectPlainDate(seen: ClockReadings): void {
    expect(seen).toMatchObject({
      epoch: '1970-01-01T00:00:00.000Z',
      parsed: Date.parse('2001-02-03T04:05:06.000Z'),
      utc: Date.UTC(2001, 1, 3),
      fromParts: 2001,
      stampIsDate: true,
      name: 'Date',
    });
  }

  beforeAll(() => {
    codeDir = mkdtempSync(join(tmpdir(), 'fn-clock-'));
    writeFileSync(join(codeDir, 'index.mjs'), CLOCK_HANDLER_SOURCE);
  });
  afterAll(async () => {
    await Promise.all(runners.map((runner) => runner.stop()));
    rmSync(codeDir, { recursive: true, force: true });
  });

  it("shows the function the machine's time when the stack has no clock", async () => {
    const { before, after, seen } = await readings(clockRunner());
    expectNowWithin(seen, before, after);
    expect(seen.loadedAt).toBeLessThanOrEqual(seen.now);
    expect(seen.loadedAt).toBeGreaterThan(before - 10_000);
    expectPlainDate(seen);
  });

  it("moves the function's Date.now(), new Date() and Date() with the clock, init included; nothing else", async () => {
    const clock = adjustableClock();
    clock.advance(HOUR);
    const runner = clockRunner(clock);
    const first = await readings(runner);
    expectNowWithin(first.seen, first.before + HOUR, first.after + HOUR);
    // Module-level code ran at the cold start, on the clock's time too.
    expect(first.seen.loadedAt).toBeGreaterThanOrEqual(first.before + HOUR);
    expect(first.seen.loadedAt).toBeLessThanOrEqual(first.seen.now);
    expectPlainDate(first.seen);
    // The timeout is the machine's: the remaining time is the 2 s limit, not an hour off.
    expect(first.seen.remaining).toBeGreaterThan(0);
    expect(first.seen.remaining).toBeLessThanOrEqual(2000);

    // The warm container follows the clock as it reads at each dispatch.
    clock.advance(HOUR);
    const second = await readings(runner);
    expectNowWithin(second.seen, second.before + 2 * HOUR, second.after + 2 * HOUR);
    expect(second.seen.loadedAt).toBe(first.seen.loadedAt);
  });

  it('keeps timers, performance.now() and the timeout on the machine\'s time', async () => {
    const clock = adjustableClock();
    clock.advance(HOUR);
    const runner = clockRunner(clock);
    const { seen } = await readings(runner, { sleepMs: 300 });
    expect(seen.sleptMs).toBeGreaterThanOrEqual(290);
    expect(seen.sleptMs).toBeLessThan(1500);
    const started = performance.now();
    expect(await runner.invoke({ sleepMs: 5000 })).toEqual({ error: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 2.00 seconds' } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(1900);
    // The fresh container after the kill is on the clock again from its start.
    const after = await readings(runner);
    expectNowWithin(after.seen, after.before + HOUR, after.after + HOUR);
    expect(after.seen.loadedAt).toBeGreaterThanOrEqual(after.before + HOUR);
  });
});
