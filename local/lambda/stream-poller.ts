import type {
  DescribeStreamInput,
  GetRecordsInput,
  GetShardIteratorInput,
  GetShardIteratorOutput,
  Shard,
  ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { createDynamoDbJsonClient, createDynamoDbStreamsJsonClient } from '../appsync/data-sources/dynamodb/dynamodb-json-client.ts';
import type { EventSourceMappingConfig } from '../stack-description.ts';
import { deliverBatch, type DiscardedBatch } from './batch-delivery.ts';
import { matchesAnyFilter, parseFilterPattern } from './event-filter.ts';
import type { InvokeOutcome } from './function-runner.ts';
import type { LocalCredentials } from './lambda-environment.ts';
import type { OnFailureDestinations, StreamOnFailureRecord } from './on-failure-destinations.ts';
import { ShardPollTurns } from './shard-poll-turns.ts';
import { normalizeStreamArn, toLambdaRecord, type WireStreamRecord } from './stream-record.ts';

/**
 * The three calls a poller makes, as sent on the wire. Not the SDK's client: every shard of every mapping polls
 * four times a second, and an idle stack's polls through the SDK cost 3–4 % of a core in Node.js alone.
 */
type StreamsOperations = {
  DescribeStream: [DescribeStreamInput, { StreamDescription?: { Shards?: Shard[]; LastEvaluatedShardId?: string } }];
  GetShardIterator: [GetShardIteratorInput, GetShardIteratorOutput];
  GetRecords: [GetRecordsInput, { Records?: WireStreamRecord[]; NextShardIterator?: string }];
};

export interface StreamPollerOptions {
  mapping: EventSourceMappingConfig;
  /** The local name of the table whose stream feeds the function. */
  tableName: string;
  /** DynamoDB Local's endpoint. */
  endpoint: string;
  region: string;
  credentials?: LocalCredentials;
  /** Runs the function (usually FunctionRunner.invoke). */
  invoke(event: DynamoDBStreamEvent): Promise<InvokeOutcome>;
  /** The function's ARN, for on-failure records. */
  functionArn: string;
  /** Where discarded batches go. */
  destinations: OnFailureDestinations;
  /** Pause between GetRecords calls that return nothing. @default 250 (Lambda polls each shard ~4 times a second) */
  pollIntervalMs?: number;
  /**
   * The pause instead, once `turns` has seen no activity for a while (shard-poll-turns.ts); the next activity ends it.
   * @default 1000
   */
  idlePollIntervalMs?: number;
  /** First retry delay, doubled per retry up to 10 s. @default pollIntervalMs */
  retryDelayMs?: number;
  /**
   * Shared by the pollers of one stack: mappings reading the same shard take turns at polling it while idle, and the
   * stack's activity sets the pace. @default turns of this poller's own, which nothing but its records make active
   */
  turns?: ShardPollTurns;
  /** Receives progress and error lines, prefixed `[mapping logical id] `. */
  log?: (line: string) => void;
}

/** A running event source mapping. */
export interface StreamPoller {
  /** The stream ARN as DynamoDB Local names it. */
  readonly streamArn: string;
  /**
   * Resolves once every record the stream held when it was called has been dealt with: delivered and its invocation
   * ended (retries included), discarded to the on-failure destination, or left out by the filters. Each shard is read
   * at once, whatever the pace, and the barrier needs a read that began after the call and reached the shard's end:
   * records written meanwhile (by anyone) do not hold it up, so it resolves on a stack that is never idle. Rejects
   * when a shard's reader stopped on an error. Resolves at once when the poller is stopped or its mapping disabled.
   */
  settled(): Promise<void>;
  /** Stops polling promptly; an invocation under way finishes (or is ended by stopping its runner). */
  stop(): Promise<void>;
}

/**
 * How far one shard's reader has come, for {@link StreamPoller.settled}: `caughtUp` is the newest barrier whose
 * records are all dealt with (Infinity once the shard is read to its close).
 */
interface ShardProgress {
  caughtUp: number;
  /** Records put in the batch buffer so far, and those whose delivery ended. */
  buffered: number;
  dealtWith: number;
  /** Reads that reached the shard's end and the buffered count then, oldest first, until that many are dealt with. */
  marks: { barrier: number; through: number }[];
  /** Why the reader stopped, when it stopped on an error. */
  failure?: string;
}

const MAX_RETRY_DELAY_MS = 10_000;
const GET_RECORDS_LIMIT = 1000;
const SHARD_WATCH_MIN_MS = 60_000;

/**
 * Starts a Lambda event source mapping for a table's stream on DynamoDB Local: reads each shard in order (a
 * child shard after its parent), drops records that match none of the FilterCriteria, batches the rest
 * (BatchSize, MaximumBatchingWindowInSeconds), invokes the function and handles failures like Lambda
 * (see deliverBatch). Shard iterators are taken before this resolves, so with LATEST every write made after
 * `await startStreamPoller(…)` is delivered.
 *
 * @example
 * ```ts
 * const poller = await startStreamPoller({ mapping, tableName, endpoint, region, invoke: runner.invoke,
 *   functionArn: runner.arn, destinations });
 * await poller.stop();
 * ```
 */
export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const { mapping, region } = options;
  const log = (line: string) => (options.log ?? console.log)(`[${mapping.logicalId}] ${line}`);
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const pace = { intervalMs: pollIntervalMs, idleIntervalMs: options.idlePollIntervalMs ?? 1000 };
  const retryDelayMs = options.retryDelayMs ?? pollIntervalMs;
  const filters = mapping.filterPatterns.map(parseFilterPattern);
  const turns = options.turns ?? new ShardPollTurns();
  const clientConfig = {
    endpoint: options.endpoint,
    region,
    credentials: options.credentials ?? { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  const dynamodb = createDynamoDbJsonClient(clientConfig);
  const streams = createDynamoDbStreamsJsonClient<StreamsOperations>(clientConfig);
  const table = await dynamodb.call('DescribeTable', { TableName: options.tableName }).finally(dynamodb.destroy);
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn || !table.Table?.StreamSpecification?.StreamEnabled) {
    streams.destroy();
    throw new Error(`Table ${options.tableName} has no stream enabled (mapping ${mapping.logicalId})`);
  }
  const eventSourceArn = normalizeStreamArn(streamArn, region);
  const stopping = new AbortController();
  const started = new Set<string>();
  const finished = new Set<string>();
  const workers: Promise<void>[] = [];
  // The settle barriers (see settled()): each call takes the next number; a read notes the number current as it begins.
  let barrier = 0;
  const progress = new Map<string, ShardProgress>();
  /** startReadyShards calls under way: a shard they are about to start must be read too. */
  let listing = 0;
  const barrierWaiters = new Set<{ barrier: number; resolve: () => void; reject: (error: Error) => void }>();

  function checkBarriers(): void {
    if (barrierWaiters.size === 0) return;
    const shards = [...progress.entries()];
    const failed = shards.find(([, shard]) => shard.failure);
    for (const waiter of barrierWaiters) {
      if (failed) waiter.reject(new Error(`[${mapping.logicalId}] the reader of ${failed[0]} stopped: ${failed[1].failure}`));
      else if (stopping.signal.aborted) waiter.resolve();
      else if (listing > 0 || shards.some(([, shard]) => shard.caughtUp < waiter.barrier)) continue;
      else waiter.resolve();
      barrierWaiters.delete(waiter);
    }
  }

  /** Moves a shard's `caughtUp` past every mark whose records are now dealt with. */
  function advance(shard: ShardProgress): void {
    while (shard.marks[0] && shard.dealtWith >= shard.marks[0].through) shard.caughtUp = Math.max(shard.caughtUp, shard.marks.shift()!.barrier);
    checkBarriers();
  }

  /** Answers false when `signal` (the poller stopping, unless told otherwise) ended it. */
  function sleep(ms: number, signal = stopping.signal): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  async function listShards(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const page = await streams.call('DescribeStream', { StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId }, stopping.signal);
      shards.push(...(page.StreamDescription?.Shards ?? []));
      exclusiveStartShardId = page.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return shards;
  }

  async function iteratorFor(shardId: string, type: ShardIteratorType, sequenceNumber?: string) {
    const response = await streams.call(
      'GetShardIterator',
      { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: type, SequenceNumber: sequenceNumber },
      stopping.signal,
    );
    return response.ShardIterator;
  }

  /** An iterator after the last record read (the oldest record left, when that one is gone or none was read). */
  async function resumeIterator(shardId: string, lastSequence: string | undefined) {
    if (lastSequence) {
      try {
        return await iteratorFor(shardId, 'AFTER_SEQUENCE_NUMBER', lastSequence);
      } catch (error) {
        if (!(error instanceof Error && error.name === 'TrimmedDataAccessException')) throw error;
      }
    }
    return iteratorFor(shardId, 'TRIM_HORIZON');
  }

  async function discard(shardId: string, batch: DiscardedBatch): Promise<void> {
    const first = batch.records[0]?.dynamodb;
    const last = batch.records.at(-1)?.dynamodb;
    const record: StreamOnFailureRecord = {
      requestContext: {
        requestId: randomUUID(),
        functionArn: options.functionArn,
        condition: batch.condition,
        approximateInvokeCount: batch.approximateInvokeCount,
      },
      responseContext: {
        statusCode: 200,
        executedVersion: '$LATEST',
        ...(batch.functionError ? { functionError: 'Unhandled' } : {}),
      },
      version: '1.0',
      timestamp: new Date().toISOString(),
      DDBStreamBatchInfo: {
        shardId,
        startSequenceNumber: first?.SequenceNumber ?? '',
        endSequenceNumber: last?.SequenceNumber ?? '',
        approximateArrivalOfFirstRecord: isoSeconds(first?.ApproximateCreationDateTime),
        approximateArrivalOfLastRecord: isoSeconds(last?.ApproximateCreationDateTime),
        batchSize: batch.records.length,
        streamArn: eventSourceArn,
      },
    };
    const queue = mapping.onFailureQueueLogicalId ?? null;
    log(
      `discarded ${batch.records.length} record(s) ${record.DDBStreamBatchInfo.startSequenceNumber}..` +
        `${record.DDBStreamBatchInfo.endSequenceNumber} (${batch.condition}) → ` +
        (queue ? `on-failure destination ${queue}` : 'no on-failure destination (AWS would drop them)'),
    );
    await options.destinations.send({ queueLogicalId: queue, mappingLogicalId: mapping.logicalId, record });
  }

  async function pollShard(shardId: string, initialIterator: string | undefined): Promise<void> {
    let iterator = initialIterator;
    let lastSequence: string | undefined;
    const buffer: DynamoDBRecord[] = [];
    let bufferSince = 0;
    const shard = `${streamArn}/${shardId}`;
    let holdsTurn = false;
    const reached: ShardProgress = { caughtUp: -1, buffered: 0, dealtWith: 0, marks: [] };
    progress.set(shardId, reached);
    // Given back as soon as the read after the turn is answered, and on any way out of the loop.
    const releaseTurn = () => {
      if (holdsTurn) turns.release(shard);
      holdsTurn = false;
    };
    try {
      while (!stopping.signal.aborted) {
        let received = 0;
        const seen = turns.beforeRead(shard);
        const readBarrier = barrier;
        if (iterator) {
          try {
            const response = await streams.call('GetRecords', { ShardIterator: iterator, Limit: GET_RECORDS_LIMIT }, stopping.signal).finally(releaseTurn);
            iterator = response.NextShardIterator;
            if (response.Records?.length || !iterator) turns.changed(shard);
            const observedAtMs = Date.now();
            for (const raw of response.Records ?? []) {
              received += 1;
              lastSequence = raw.dynamodb?.SequenceNumber ?? lastSequence;
              const record = toLambdaRecord(raw, { region, eventSourceArn, observedAtMs });
              if (!matchesAnyFilter(record, filters)) continue;
              if (buffer.length === 0) bufferSince = observedAtMs;
              buffer.push(record);
              reached.buffered += 1;
            }
            // Fewer than asked for: the read reached what the shard held when it began. One mark per barrier will do.
            if (received < GET_RECORDS_LIMIT && readBarrier > Math.max(reached.caughtUp, reached.marks.at(-1)?.barrier ?? -1)) {
              reached.marks.push({ barrier: readBarrier, through: reached.buffered });
              advance(reached);
            }
          } catch (error) {
            if (stopping.signal.aborted) return;
            const name = error instanceof Error ? error.name : '';
            if (name === 'ExpiredIteratorException') {
              iterator = await resumeIterator(shardId, lastSequence);
              continue;
            }
            if (name === 'TrimmedDataAccessException') {
              // DynamoDB Local numbers stream records across all its tables: with two or more stream tables, an
              // iterator taken while its shard was empty points before the shard's first record once that arrives,
              // and every read with it fails so, for good (measured: neither table's poller ever delivered). On AWS
              // it means the records were trimmed (older than 24 h). Either way, read on from what remains, after the
              // last record read.
              log(`GetRecords on ${shardId}: ${name}; reading on from the oldest record not yet read`);
              iterator = await resumeIterator(shardId, lastSequence);
              await sleep(pollIntervalMs);
              continue;
            }
            log(`GetRecords on ${shardId} failed (${name}: ${error instanceof Error ? error.message : error}); retrying`);
            await sleep(Math.max(pollIntervalMs, 1000));
            continue;
          }
        }
        const closed = !iterator;
        const windowMs = mapping.maximumBatchingWindowInSeconds * 1000;
        while (
          buffer.length > 0 &&
          !stopping.signal.aborted &&
          (buffer.length >= mapping.batchSize || closed || Date.now() - bufferSince >= windowMs)
        ) {
          const batch = buffer.splice(0, mapping.batchSize);
          bufferSince = Date.now();
          const completed = await deliverBatch(batch, mapping, {
            invoke: options.invoke,
            discard: (discarded) => discard(shardId, discarded),
            waitBeforeRetry: (retries) => sleep(Math.min(retryDelayMs * 2 ** (retries - 1), MAX_RETRY_DELAY_MS)),
            log,
            nowMs: Date.now,
            isStopping: () => stopping.signal.aborted,
          });
          if (!completed) return;
          reached.dealtWith += batch.length;
          advance(reached);
        }
        if (closed && buffer.length === 0) {
          finished.add(shardId);
          void startReadyShards('TRIM_HORIZON');
          reached.caughtUp = Infinity;
          advance(reached);
          return;
        }
        if (buffer.length > 0) await sleep(pollIntervalMs);
        else if (received === 0) holdsTurn = (await turns.wait(shard, seen, pace, sleep, stopping.signal)) === 'turn';
      }
    } finally {
      releaseTurn();
    }
  }

  /** Starts a worker for each shard whose parent is done (or gone); children of known shards start later. */
  async function startReadyShards(position: ShardIteratorType): Promise<void> {
    if (stopping.signal.aborted) return;
    listing += 1;
    try {
      await startShards(position);
    } finally {
      listing -= 1;
      checkBarriers();
    }
  }

  async function startShards(position: ShardIteratorType): Promise<void> {
    let shards: Shard[];
    try {
      shards = await listShards();
    } catch (error) {
      if (!stopping.signal.aborted) log(`DescribeStream failed: ${error instanceof Error ? error.message : error}`);
      return;
    }
    const known = new Set(shards.map((shard) => shard.ShardId));
    for (const shard of shards) {
      const shardId = shard.ShardId;
      if (!shardId || started.has(shardId)) continue;
      const parent = shard.ParentShardId;
      if (parent && known.has(parent) && !finished.has(parent)) continue;
      const isClosed = shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;
      // LATEST only concerns the shards open now: closed ones hold nothing newer.
      if (position === 'LATEST' && isClosed) {
        started.add(shardId);
        finished.add(shardId);
        continue;
      }
      started.add(shardId);
      const iterator = await iteratorFor(shardId, position);
      workers.push(
        pollShard(shardId, iterator).catch((error: unknown) => {
          log(`shard ${shardId} stopped: ${error}`);
          const shard = progress.get(shardId);
          if (shard) shard.failure = String(error);
          checkBarriers();
        }),
      );
    }
  }

  /**
   * New shards appear when DynamoDB rolls a shard over. The worker that reads its parent to the end starts them; this
   * look catches any it missed (a DescribeStream that failed then), rarely: each look cost an idle DynamoDB Local
   * about as much CPU as a poll. Every mapping looked once a second, then every ten seconds: with idle shards read
   * once a second, that was still a quarter of an idle stack's requests.
   */
  async function watchForNewShards(): Promise<void> {
    while (await sleep(Math.max(pollIntervalMs * 40, SHARD_WATCH_MIN_MS))) await startReadyShards('TRIM_HORIZON');
  }

  if (!mapping.enabled) {
    log('mapping disabled; not polling');
  } else {
    await startReadyShards(mapping.startingPosition);
    workers.push(watchForNewShards());
  }

  return {
    streamArn,
    settled() {
      if (!mapping.enabled || stopping.signal.aborted) return Promise.resolve();
      barrier += 1;
      const settled = new Promise<void>((resolve, reject) => barrierWaiters.add({ barrier, resolve, reject }));
      turns.readNow();
      checkBarriers();
      return settled;
    },
    async stop() {
      stopping.abort();
      checkBarriers();
      // An invocation under way is not interrupted here; wait briefly, then let it finish on its own.
      await Promise.race([Promise.allSettled(workers), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      streams.destroy();
    },
  };
}

function isoSeconds(epochSeconds: number | undefined): string {
  return epochSeconds === undefined ? '' : new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z');
}
