import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The invocation record Lambda sends to a stream mapping's on-failure destination when it discards a batch:
 * metadata about the batch, not the records (read them from the stream with the sequence numbers).
 * Shape from docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html.
 */
export interface StreamOnFailureRecord {
  requestContext: {
    requestId: string;
    functionArn: string;
    /** `RetryAttemptsExhausted`, or `MaximumRecordAgeExceeded` (that value is unconfirmed in AWS's documentation). */
    condition: 'RetryAttemptsExhausted' | 'MaximumRecordAgeExceeded';
    approximateInvokeCount: number;
  };
  responseContext: {
    statusCode: number;
    executedVersion: string;
    /** Present when the last attempt was a function error rather than a partial batch response. */
    functionError?: string;
  };
  version: '1.0';
  timestamp: string;
  DDBStreamBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    approximateArrivalOfFirstRecord: string;
    approximateArrivalOfLastRecord: string;
    batchSize: number;
    streamArn: string;
  };
}

/** One line of the on-failure file: the record plus where it was sent. */
export interface OnFailureEntry {
  /** The destination queue's logical id; null when the mapping has none (AWS would drop the batch silently). */
  queueLogicalId: string | null;
  mappingLogicalId: string;
  record: StreamOnFailureRecord;
}

/**
 * Stands in for the SQS queues of on-failure destinations: keeps each queue's messages in memory and appends
 * every entry as a JSON line to a file, so no discarded batch goes unnoticed.
 *
 * @example
 * ```ts
 * const destinations = new OnFailureDestinations('.local/on-failure.jsonl');
 * // … after a poller discarded a batch:
 * destinations.messages('EmailDlq'); // [StreamOnFailureRecord, …]
 * ```
 */
export class OnFailureDestinations {
  private readonly byQueue = new Map<string | null, StreamOnFailureRecord[]>();

  constructor(private readonly filePath?: string) {}

  /** Records a discarded batch for a queue (null: the mapping has no destination). */
  async send(entry: OnFailureEntry): Promise<void> {
    const list = this.byQueue.get(entry.queueLogicalId) ?? [];
    list.push(entry.record);
    this.byQueue.set(entry.queueLogicalId, list);
    if (this.filePath) {
      await mkdir(dirname(this.filePath), { recursive: true });
      await appendFile(this.filePath, `${JSON.stringify(entry)}\n`);
    }
  }

  /** The records sent to a queue so far (null: mappings without a destination). */
  messages(queueLogicalId: string | null): readonly StreamOnFailureRecord[] {
    return this.byQueue.get(queueLogicalId) ?? [];
  }
}
