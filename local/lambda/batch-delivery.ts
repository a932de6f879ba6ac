import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { InvokeOutcome } from './function-runner.ts';

/** The mapping settings that shape retries. */
export interface DeliverySettings {
  reportBatchItemFailures: boolean;
  bisectBatchOnFunctionError: boolean;
  /** -1: retry until the record is too old (or forever locally, as DynamoDB Streams keeps records 24 h). */
  maximumRetryAttempts: number;
  /** -1: no limit. */
  maximumRecordAgeInSeconds: number;
}

/** Why a set of records was given up on. */
export interface DiscardedBatch {
  records: DynamoDBRecord[];
  condition: 'RetryAttemptsExhausted' | 'MaximumRecordAgeExceeded';
  approximateInvokeCount: number;
  /** The last attempt failed with a function error (rather than a partial batch response). */
  functionError: boolean;
}

export interface DeliveryDependencies {
  invoke(event: DynamoDBStreamEvent): Promise<InvokeOutcome>;
  discard(batch: DiscardedBatch): Promise<void>;
  /** Waits before a retry; resolves false when the poller is stopping. */
  waitBeforeRetry(retries: number): Promise<boolean>;
  log(line: string): void;
  nowMs(): number;
  /** True once the poller is stopping: no further invocation is started. */
  isStopping(): boolean;
}

/** How one invocation went for its batch. */
export type AttemptResult =
  | { kind: 'success' }
  | { kind: 'function-error' }
  /** Records from `fromIndex` on must be retried (the lowest failed sequence number and everything after it). */
  | { kind: 'partial-failure'; fromIndex: number };

/**
 * Reads an invocation outcome as Lambda does. With ReportBatchItemFailures, `batchItemFailures` makes Lambda
 * resume from the lowest failed sequence number; an empty list is success; an identifier that is missing, empty
 * or not in the batch makes the whole batch fail. Without it, only errors count.
 * (docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html)
 */
export function classifyAttempt(
  outcome: InvokeOutcome,
  records: readonly DynamoDBRecord[],
  reportBatchItemFailures: boolean,
): AttemptResult {
  if ('error' in outcome) return { kind: 'function-error' };
  if (!reportBatchItemFailures) return { kind: 'success' };
  const failures = (outcome.result as { batchItemFailures?: unknown } | null)?.batchItemFailures;
  if (!Array.isArray(failures) || failures.length === 0) return { kind: 'success' };
  let fromIndex = records.length;
  for (const failure of failures) {
    const identifier = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    const index =
      typeof identifier === 'string' && identifier !== ''
        ? records.findIndex((record) => record.dynamodb?.SequenceNumber === identifier)
        : -1;
    if (index === -1) return { kind: 'partial-failure', fromIndex: 0 };
    fromIndex = Math.min(fromIndex, index);
  }
  return { kind: 'partial-failure', fromIndex };
}

interface PendingBatch {
  records: DynamoDBRecord[];
  retries: number;
  invocations: number;
}

/**
 * Delivers one batch with Lambda's stream error handling: partial batch responses resume from the lowest failed
 * record, BisectBatchOnFunctionError splits a failing batch in halves (not counted as retries), and records that
 * exhaust MaximumRetryAttempts or exceed MaximumRecordAgeInSeconds are discarded through `discard`.
 * Sub-batches are delivered in order, so the shard stays ordered. Returns false if stopped before finishing.
 */
export async function deliverBatch(
  records: DynamoDBRecord[],
  settings: DeliverySettings,
  dependencies: DeliveryDependencies,
): Promise<boolean> {
  const pending: PendingBatch[] = [{ records, retries: 0, invocations: 0 }];
  while (pending.length > 0) {
    if (dependencies.isStopping()) return false;
    const current = pending[0] as PendingBatch;
    const outcome = await dependencies.invoke({ Records: current.records });
    current.invocations += 1;
    const attempt = classifyAttempt(outcome, current.records, settings.reportBatchItemFailures);
    if (attempt.kind === 'success') {
      pending.shift();
      continue;
    }
    const remaining = attempt.kind === 'partial-failure' ? current.records.slice(attempt.fromIndex) : current.records;
    const functionError = attempt.kind === 'function-error';
    dependencies.log(
      functionError
        ? `batch of ${current.records.length} failed: ${describeError(outcome)}`
        : `batch of ${current.records.length}: ${remaining.length} record(s) from ${firstSequence(remaining)} reported failed`,
    );
    if (isTooOld(remaining, settings.maximumRecordAgeInSeconds, dependencies.nowMs())) {
      await dependencies.discard({
        records: remaining,
        condition: 'MaximumRecordAgeExceeded',
        approximateInvokeCount: current.invocations,
        functionError,
      });
      pending.shift();
      continue;
    }
    if (functionError && settings.bisectBatchOnFunctionError && remaining.length > 1) {
      const middle = Math.ceil(remaining.length / 2);
      pending.splice(
        0,
        1,
        { records: remaining.slice(0, middle), retries: current.retries, invocations: 0 },
        { records: remaining.slice(middle), retries: current.retries, invocations: 0 },
      );
      continue;
    }
    if (settings.maximumRetryAttempts !== -1 && current.retries >= settings.maximumRetryAttempts) {
      await dependencies.discard({
        records: remaining,
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: current.invocations,
        functionError,
      });
      pending.shift();
      continue;
    }
    pending[0] = { records: remaining, retries: current.retries + 1, invocations: current.invocations };
    if (!(await dependencies.waitBeforeRetry(current.retries + 1))) return false;
  }
  return true;
}

function isTooOld(records: readonly DynamoDBRecord[], maximumAgeSeconds: number, nowMs: number): boolean {
  if (maximumAgeSeconds === -1) return false;
  const oldest = records[0]?.dynamodb?.ApproximateCreationDateTime;
  return oldest !== undefined && nowMs / 1000 - oldest > maximumAgeSeconds;
}

function firstSequence(records: readonly DynamoDBRecord[]): string {
  return records[0]?.dynamodb?.SequenceNumber ?? '?';
}

function describeError(outcome: InvokeOutcome): string {
  return 'error' in outcome ? `${outcome.error.errorType}: ${outcome.error.errorMessage}` : 'partial failure';
}
