import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { classifyAttempt, deliverBatch, type DeliverySettings, type DiscardedBatch } from './batch-delivery.ts';
import type { InvokeOutcome } from './function-runner.ts';

const record = (sequence: string, createdSeconds = 1_700_000_000): DynamoDBRecord => ({
  eventName: 'INSERT',
  dynamodb: { SequenceNumber: sequence, ApproximateCreationDateTime: createdSeconds },
});
const batch = [record('001'), record('002'), record('003')];
const failed = (...ids: unknown[]): InvokeOutcome => ({ result: { batchItemFailures: ids.map((itemIdentifier) => ({ itemIdentifier })) } });

describe('classifyAttempt', () => {
  it('treats errors as function errors and empty failure lists as success', () => {
    expect(classifyAttempt({ error: { errorType: 'E', errorMessage: 'm' } }, batch, true)).toEqual({ kind: 'function-error' });
    expect(classifyAttempt({ result: null }, batch, true)).toEqual({ kind: 'success' });
    expect(classifyAttempt(failed(), batch, true)).toEqual({ kind: 'success' });
  });

  it('resumes from the lowest failed sequence number', () => {
    expect(classifyAttempt(failed('003', '002'), batch, true)).toEqual({ kind: 'partial-failure', fromIndex: 1 });
  });

  it('fails the whole batch for a missing, empty or unknown identifier', () => {
    for (const id of [null, '', '999']) {
      expect(classifyAttempt(failed('003', id), batch, true)).toEqual({ kind: 'partial-failure', fromIndex: 0 });
    }
  });

  it('ignores batchItemFailures unless ReportBatchItemFailures is on', () => {
    expect(classifyAttempt(failed('002'), batch, false)).toEqual({ kind: 'success' });
  });
});

describe('deliverBatch', () => {
  const settings: DeliverySettings = {
    reportBatchItemFailures: true,
    bisectBatchOnFunctionError: false,
    maximumRetryAttempts: -1,
    maximumRecordAgeInSeconds: 60,
  };

  it('discards records older than MaximumRecordAgeInSeconds instead of retrying them', async () => {
    const invoked: DynamoDBStreamEvent[] = [];
    const discarded: DiscardedBatch[] = [];
    const now = 1_700_000_000_000 + 120_000;

    const done = await deliverBatch(batch, settings, {
      invoke: async (event) => (invoked.push(event), failed('002')),
      discard: async (discardedBatch) => void discarded.push(discardedBatch),
      waitBeforeRetry: async () => true,
      log: () => undefined,
      nowMs: () => now,
      isStopping: () => false,
    });

    expect(done).toBe(true);
    expect(invoked).toHaveLength(1);
    expect(discarded).toEqual([
      { records: [batch[1], batch[2]], condition: 'MaximumRecordAgeExceeded', approximateInvokeCount: 1, functionError: false },
    ]);
  });

  it('stops retrying when the poller stops', async () => {
    let invocations = 0;
    const done = await deliverBatch(batch, { ...settings, maximumRecordAgeInSeconds: -1 }, {
      invoke: async () => (invocations++, { error: { errorType: 'E', errorMessage: 'm' } }),
      discard: async () => undefined,
      waitBeforeRetry: async () => false,
      log: () => undefined,
      nowMs: Date.now,
      isStopping: () => false,
    });
    expect(done).toBe(false);
    expect(invocations).toBe(1);
  });
});
