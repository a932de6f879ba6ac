import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AsyncInvocations, functionNameOf, type AsyncInvocationRecord } from './async-invocations.ts';
import type { LocalFunction } from './function-directory.ts';
import type { InvokeOutcome } from './host-protocol.ts';

const ARN = 'arn:aws:lambda:eu-west-1:000000000000:function:audit';

/** A function whose outcomes are scripted, one per attempt (the last one repeats). */
function scripted(...outcomes: InvokeOutcome[]): LocalFunction & { events: unknown[] } {
  const events: unknown[] = [];
  return {
    name: 'audit',
    arn: ARN,
    events,
    invoke: (event) => {
      events.push(event);
      return Promise.resolve(outcomes[Math.min(events.length - 1, outcomes.length - 1)]!);
    },
  };
}

const failure: InvokeOutcome = { error: { errorType: 'Error', errorMessage: 'boom' } };
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('AsyncInvocations (Lambda Event invocation)', () => {
  it('accepts the event at once and runs it once when the function succeeds', async () => {
    const fn = scripted({ result: null });
    const invocations = new AsyncInvocations({ lookup: (name) => (name === 'audit' ? fn : undefined), retryDelaysMs: [1, 1] });
    expect(invocations.invoke(ARN, { n: 1 })).toBe(true);
    await invocations.settled();
    expect(fn.events).toEqual([{ n: 1 }]);
    expect(invocations.records()).toEqual([]);
  });

  it('retries a failing function twice, then discards the event with the invocation record Lambda sends on failure', async () => {
    dir = mkdtempSync(join(tmpdir(), 'async-invocations-'));
    const failureFile = join(dir, 'failed', 'async-on-failure.jsonl');
    const fn = scripted(failure);
    const invocations = new AsyncInvocations({ lookup: () => fn, retryDelaysMs: [5, 10], failureFile });
    invocations.invoke(`${ARN}:$LATEST`, { n: 2 });
    await invocations.settled();
    expect(fn.events).toEqual([{ n: 2 }, { n: 2 }, { n: 2 }]);
    const expected: AsyncInvocationRecord = {
      version: '1.0',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown as string,
      requestContext: { requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown as string, functionArn: `${ARN}:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: { n: 2 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'Error', errorMessage: 'boom' },
    };
    expect(invocations.records()).toEqual([expected]);
    expect(readFileSync(failureFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual([expected]);
  });

  it('stops retrying once the function succeeds', async () => {
    const fn = scripted(failure, { result: 'ok' });
    const invocations = new AsyncInvocations({ lookup: () => fn, retryDelaysMs: [1, 1] });
    invocations.invoke('audit', {});
    await invocations.settled();
    expect(fn.events).toHaveLength(2);
    expect(invocations.records()).toEqual([]);
  });

  it('refuses a function that does not run, and drops waiting retries when stopped', async () => {
    const fn = scripted(failure);
    const invocations = new AsyncInvocations({ lookup: (name) => (name === 'audit' ? fn : undefined), retryDelaysMs: [60_000] });
    expect(invocations.invoke('arn:aws:lambda:eu-west-1:000000000000:function:other', {})).toBe(false);
    expect(invocations.invoke(ARN, {})).toBe(true);
    await expect.poll(() => fn.events.length).toBe(1);
    invocations.stop();
    await invocations.settled();
    expect(fn.events).toHaveLength(1);
    expect(invocations.records()).toEqual([]);
    expect(invocations.invoke(ARN, {})).toBe(false);
  });

  it('reads the function name from an ARN, qualified or not', () => {
    expect(functionNameOf(ARN)).toBe('audit');
    expect(functionNameOf(`${ARN}:live`)).toBe('audit');
    expect(functionNameOf('audit')).toBe('audit');
  });
});
