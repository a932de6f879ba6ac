import { CreateTableCommand, DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { EventSourceMappingConfig, LambdaFunctionConfig } from '../stack-description.ts';
import type { DynamoDbLocalEndpoint } from '../services/dynamodb-local.ts';
import { testDynamoDbLocal } from '../test-support/dynamodb-local.ts';
import { createFunctionRunner, type FunctionRunner, type InvokeOutcome } from './function-runner.ts';
import { OnFailureDestinations } from './on-failure-destinations.ts';
import { ShardPollTurns } from './shard-poll-turns.ts';
import { startStreamPoller, type StreamPoller } from './stream-poller.ts';

// Logs every invocation (before doing anything) and behaves as each record's `behavior` attribute says.
// Markers in MARKER_DIR make "-once" behaviours fail only on the first delivery.
const HANDLER_SOURCE = `
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const once = (key) => { const file = join(process.env.MARKER_DIR, key); if (existsSync(file)) return false; writeFileSync(file, ''); return true; };
export const handler = async (event) => {
  appendFileSync(process.env.INVOCATION_LOG, JSON.stringify({
    records: event.Records, own: process.env.OWN_SETTING, leaked: process.env.HOST_ONLY_SECRET ?? null,
  }) + '\\n');
  const batchItemFailures = [];
  for (const record of event.Records) {
    const behavior = record.dynamodb.NewImage?.behavior?.S;
    const pk = record.dynamodb.Keys.pk.S;
    if (behavior === 'throw-always') throw new Error('cannot process ' + pk);
    if (behavior === 'sleep-once' && once(pk)) await new Promise((resolve) => setTimeout(resolve, 3000));
    if (behavior === 'fail-once' && once(pk)) batchItemFailures.push({ itemIdentifier: record.dynamodb.SequenceNumber });
  }
  return { batchItemFailures };
};
`;

const REGION = 'eu-west-1';

interface Invocation {
  records: DynamoDBRecord[];
  own: string;
  leaked: string | null;
}

describe('startStreamPoller', () => {
  let ddb: DynamoDbLocalEndpoint;
  let client: DynamoDBClient;
  let workDir: string;
  let tableCounter = 0;

  beforeAll(async () => {
    ddb = await testDynamoDbLocal();
    client = new DynamoDBClient({ endpoint: ddb.endpoint, region: REGION, credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
    workDir = mkdtempSync(join(tmpdir(), 'stream-poller-'));
    writeFileSync(join(workDir, 'index.mjs'), HANDLER_SOURCE);
    process.env.HOST_ONLY_SECRET = 'must-not-leak';
  }, 60_000);

  afterAll(async () => {
    delete process.env.HOST_ONLY_SECRET;
    client?.destroy();
    await ddb?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  /** A new table keyed by `pk`, with a NEW_IMAGE stream; returns its name. */
  async function createStreamTable(prefix: string): Promise<string> {
    tableCounter += 1;
    const tableName = `${prefix}-${tableCounter}`;
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      }),
    );
    return tableName;
  }

  /**
   * Prepare: a stream-enabled table, a runner for the test handler and a poller with the given settings, stopped when
   * the test ends. Each test has a table, a function and a log of its own, so they run side by side: most of their
   * time is waiting for polls, batching windows and retries.
   */
  async function setUp(onTestFinished: TestContext['onTestFinished'], settings: Partial<EventSourceMappingConfig> = {}) {
    const lines: string[] = [];
    const tableName = await createStreamTable('stream-test');
    const invocationLog = join(workDir, `${tableName}.jsonl`);
    const markerDir = mkdtempSync(join(workDir, 'markers-'));
    const failureFile = join(workDir, `${tableName}-failures.jsonl`);
    const config: LambdaFunctionConfig = {
      logicalId: 'TestFn',
      name: `fn-${tableName}`,
      handler: 'index.handler',
      codeDir: workDir,
      runtime: 'nodejs20.x',
      environment: { INVOCATION_LOG: invocationLog, MARKER_DIR: markerDir, OWN_SETTING: 'mine' },
      timeoutSeconds: 1,
      memorySize: 128,
    };
    const runner: FunctionRunner = createFunctionRunner({ config, region: REGION, log: (line) => lines.push(line) });
    const mapping: EventSourceMappingConfig = {
      logicalId: 'Mapping',
      functionLogicalId: 'TestFn',
      tableLogicalId: 'Table',
      batchSize: 10,
      maximumBatchingWindowInSeconds: 1,
      startingPosition: 'TRIM_HORIZON',
      maximumRetryAttempts: 3,
      maximumRecordAgeInSeconds: -1,
      bisectBatchOnFunctionError: false,
      reportBatchItemFailures: true,
      filterPatterns: [],
      onFailureQueueLogicalId: 'Dlq',
      enabled: true,
      ...settings,
    };
    const destinations = new OnFailureDestinations(failureFile);
    const poller: StreamPoller = await startStreamPoller({
      mapping,
      tableName,
      endpoint: ddb.endpoint,
      region: REGION,
      invoke: (event) => runner.invoke(event),
      functionArn: runner.arn,
      destinations,
      pollIntervalMs: 50,
      retryDelayMs: 20,
      log: (line) => lines.push(line),
    });
    onTestFinished(async () => {
      await poller.stop();
      await runner.stop();
    });
    const put = (pk: string, attributes: Record<string, string> = {}) =>
      client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: { pk: { S: pk }, ...Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { S: v }])) },
        }),
      );
    const invocations = (): Invocation[] =>
      existsSync(invocationLog)
        ? readFileSync(invocationLog, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Invocation)
        : [];
    const keysPerInvocation = () => invocations().map((invocation) => invocation.records.map((r) => r.dynamodb?.Keys?.pk?.S));
    return { tableName, put, invocations, keysPerInvocation, destinations, failureFile, poller, lines };
  }

  it.concurrent('delivers only records matching the filters, in batches, shaped like Lambda events', async ({ expect, onTestFinished }) => {
    // Prepare
    const filter = { eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'SESSION#' }] } } } };
    const { tableName, put, invocations, keysPerInvocation, poller } = await setUp(onTestFinished, {
      batchSize: 2,
      filterPatterns: [JSON.stringify(filter)],
    });

    // Act
    await put('SESSION#1');
    await put('RATE#x');
    await put('SESSION#2');
    await put('SESSION#3');
    await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { pk: { S: 'SESSION#1' } },
        UpdateExpression: 'SET touched = :t',
        ExpressionAttributeValues: { ':t': { S: 'yes' } },
      }),
    );

    // Assess
    await expect.poll(() => keysPerInvocation().flat(), { timeout: 8000 }).toEqual(['SESSION#1', 'SESSION#2', 'SESSION#3']);
    expect(keysPerInvocation()[0]).toEqual(['SESSION#1', 'SESSION#2']);
    expect(keysPerInvocation().every((keys) => keys.length <= 2)).toBe(true);
    const record = invocations()[0]?.records[0];
    expect(record).toMatchObject({
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: REGION,
      eventSourceARN: expect.stringMatching(new RegExp(`^arn:aws:dynamodb:${REGION}:\\d{12}:table/${tableName}/stream/`)),
      dynamodb: {
        Keys: { pk: { S: 'SESSION#1' } },
        NewImage: { pk: { S: 'SESSION#1' } },
        SequenceNumber: expect.any(String),
        SizeBytes: expect.any(Number),
        StreamViewType: 'NEW_IMAGE',
      },
    });
    expect(Math.abs((record?.dynamodb?.ApproximateCreationDateTime ?? 0) - Date.now() / 1000)).toBeLessThan(60);
    expect(poller.streamArn).toContain(tableName);
    // The function saw its own environment and nothing of the test process's.
    expect(invocations()[0]).toMatchObject({ own: 'mine', leaked: null });
  });

  it.concurrent('delivers an empty map, which DynamoDB Local streams without its type, as {M: {}}', async ({ expect, onTestFinished }) => {
    const { tableName, invocations } = await setUp(onTestFinished);

    await client.send(
      new PutItemCommand({ TableName: tableName, Item: { pk: { S: 'empty-map' }, codes: { M: {} }, nested: { M: { inner: { M: {} } } }, list: { L: [] } } }),
    );

    await expect.poll(() => invocations().length, { timeout: 8000 }).toBe(1);
    expect(invocations()[0]?.records[0]?.dynamodb?.NewImage).toEqual({
      pk: { S: 'empty-map' },
      codes: { M: {} },
      nested: { M: { inner: { M: {} } } },
      list: { L: [] },
    });
  });

  it.concurrent('delivers on two stream tables whose pollers started while both were empty', async ({ expect, onTestFinished }) => {
    // DynamoDB Local numbers stream records across its tables: the first record of each table then lies past the
    // iterator its poller took on the empty shard, and reads with that iterator fail (TrimmedDataAccessException).
    const first = await setUp(onTestFinished);
    const second = await setUp(onTestFinished);

    await first.put('one');
    await second.put('two');

    await expect.poll(() => first.keysPerInvocation(), { timeout: 8000 }).toEqual([['one']]);
    await expect.poll(() => second.keysPerInvocation(), { timeout: 8000 }).toEqual([['two']]);
    // Read on after the last record: nothing twice.
    await first.put('three');
    await expect.poll(() => first.keysPerInvocation(), { timeout: 8000 }).toEqual([['one'], ['three']]);
    expect(second.keysPerInvocation()).toEqual([['two']]);
  });

  it.concurrent('re-delivers from the lowest failed record after a partial batch failure', async ({ expect, onTestFinished }) => {
    const { put, keysPerInvocation } = await setUp(onTestFinished);

    await put('a');
    await put('b', { behavior: 'fail-once' });
    await put('c');

    await expect.poll(() => keysPerInvocation(), { timeout: 8000 }).toEqual([['a', 'b', 'c'], ['b', 'c']]);
    // Nothing else is delivered afterwards.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(keysPerInvocation()).toHaveLength(2);
  });

  it.concurrent('discards a batch after MaximumRetryAttempts and records it for the on-failure destination', async ({ expect, onTestFinished }) => {
    const { put, keysPerInvocation, destinations, failureFile, tableName } = await setUp(onTestFinished, {
      maximumRetryAttempts: 2,
      maximumBatchingWindowInSeconds: 0,
    });

    await put('poison', { behavior: 'throw-always' });
    await expect.poll(() => destinations.messages('Dlq').length, { timeout: 8000 }).toBe(1);
    await put('after');

    // One invocation plus two retries, then the shard moves on.
    await expect.poll(() => keysPerInvocation(), { timeout: 8000 }).toEqual([['poison'], ['poison'], ['poison'], ['after']]);
    const [message] = destinations.messages('Dlq');
    expect(message).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3, functionArn: expect.stringContaining(`fn-${tableName}`) },
      responseContext: { functionError: 'Unhandled' },
      version: '1.0',
      DDBStreamBatchInfo: { batchSize: 1, shardId: expect.stringMatching(/^shardId-/), streamArn: expect.stringContaining(REGION) },
    });
    expect(message?.DDBStreamBatchInfo.startSequenceNumber).toBe(message?.DDBStreamBatchInfo.endSequenceNumber);
    const lines = readFileSync(failureFile, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ queueLogicalId: 'Dlq', mappingLogicalId: 'Mapping', record: message });
  });

  it.concurrent('bisects a failing batch to isolate the bad record', async ({ expect, onTestFinished }) => {
    const { put, keysPerInvocation, destinations } = await setUp(onTestFinished, {
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 0,
    });

    await put('ok1');
    await put('bad', { behavior: 'throw-always' });
    await put('ok2');
    await put('ok3');

    await expect.poll(() => destinations.messages('Dlq').length, { timeout: 8000 }).toBe(1);
    await expect.poll(() => keysPerInvocation(), { timeout: 8000 }).toEqual([
      ['ok1', 'bad', 'ok2', 'ok3'],
      ['ok1', 'bad'],
      ['ok1'],
      ['bad'],
      ['ok2', 'ok3'],
    ]);
    expect(destinations.messages('Dlq')[0]?.DDBStreamBatchInfo.batchSize).toBe(1);
  });

  it.concurrent('retries a batch whose invocation timed out', async ({ expect, onTestFinished }) => {
    const { put, keysPerInvocation, lines } = await setUp(onTestFinished, { maximumBatchingWindowInSeconds: 0 });

    await put('slow', { behavior: 'sleep-once' });

    await expect.poll(() => keysPerInvocation(), { timeout: 10_000 }).toEqual([['slow'], ['slow']]);
    expect(lines.some((line) => line.includes('Task timed out after 1.00 seconds'))).toBe(true);
  });

  it.concurrent('starts at LATEST when asked: earlier records are not delivered', async ({ expect, onTestFinished }) => {
    const { put, keysPerInvocation } = await setUp(onTestFinished, { startingPosition: 'LATEST', maximumBatchingWindowInSeconds: 0 });
    await put('new');
    await expect.poll(() => keysPerInvocation(), { timeout: 8000 }).toEqual([['new']]);
  });

  describe('with mappings sharing a shard (ShardPollTurns)', () => {
    let proxy: Server;
    let proxyEndpoint: string;
    const getRecordsCalls: number[] = [];

    beforeAll(async () => {
      // Counts the pollers' GetRecords calls on their way to DynamoDB Local.
      proxy = createServer((incoming, outgoing) => {
        if (String(incoming.headers['x-amz-target']).endsWith('.GetRecords')) getRecordsCalls.push(Date.now());
        const forward = request(`${ddb.endpoint}${incoming.url}`, { method: incoming.method, headers: incoming.headers }, (answer) => {
          outgoing.writeHead(answer.statusCode ?? 500, answer.headers);
          answer.pipe(outgoing);
        });
        forward.on('error', () => outgoing.destroy());
        incoming.pipe(forward);
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      proxyEndpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      await new Promise((resolve) => proxy?.close(resolve));
    });

    /** A stream-enabled table and a poller per entry of `mappings`, all sharing one ShardPollTurns. */
    async function setUp(
      onTestFinished: TestContext['onTestFinished'],
      mappings: { invoke: (event: DynamoDBStreamEvent) => Promise<InvokeOutcome>; settings?: Partial<EventSourceMappingConfig> }[],
      { pollIntervalMs = 50 } = {},
    ) {
      const tableName = await createStreamTable('turns');
      const turns = new ShardPollTurns();
      const destinations = new OnFailureDestinations(join(workDir, `${tableName}-failures.jsonl`));
      const pollers: StreamPoller[] = [];
      for (const [index, { invoke, settings }] of mappings.entries()) {
        pollers.push(
          await startStreamPoller({
            mapping: {
              logicalId: `Mapping${index}`,
              functionLogicalId: `Fn${index}`,
              tableLogicalId: 'Table',
              batchSize: 100,
              maximumBatchingWindowInSeconds: 0,
              startingPosition: 'TRIM_HORIZON',
              maximumRetryAttempts: -1,
              maximumRecordAgeInSeconds: -1,
              bisectBatchOnFunctionError: false,
              reportBatchItemFailures: false,
              filterPatterns: [],
              enabled: true,
              ...settings,
            },
            tableName,
            endpoint: proxyEndpoint,
            region: REGION,
            invoke,
            functionArn: `arn:aws:lambda:${REGION}:000000000000:function:fn${index}`,
            destinations,
            pollIntervalMs,
            idlePollIntervalMs: pollIntervalMs,
            retryDelayMs: 20,
            turns,
            log: () => {},
          }),
        );
      }
      onTestFinished(async () => {
        await Promise.all(pollers.map((poller) => poller.stop()));
      });
      const put = (pk: string, kind = 'plain') =>
        client.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: pk }, kind: { S: kind } } }));
      return { put, pollers };
    }

    /** An invoke that records each delivered key, then answers as `answer` says. */
    function recorder(answer: (keys: string[]) => InvokeOutcome | Promise<InvokeOutcome> = () => ({ result: null })) {
      const keys: string[] = [];
      return {
        keys,
        invoke: async (event: DynamoDBStreamEvent): Promise<InvokeOutcome> => {
          const batch = event.Records.map((record) => record.dynamodb?.Keys?.pk?.S ?? '?');
          keys.push(...batch);
          return answer(batch);
        },
      };
    }

    /** Keys whose invocation ended with success, in order. */
    function completions(answer: (keys: string[]) => Promise<InvokeOutcome>) {
      const ended: string[] = [];
      return {
        ended,
        invoke: async (event: DynamoDBStreamEvent): Promise<InvokeOutcome> => {
          const batch = event.Records.map((record) => record.dynamodb?.Keys?.pk?.S ?? '?');
          const outcome = await answer(batch);
          if ('result' in outcome) ended.push(...batch);
          return outcome;
        },
      };
    }

    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    it('settled(): every mapping has dealt with what was written before it — slow invocations, retries, batching windows', async ({ onTestFinished }) => {
      const slow = completions(async () => {
        await sleep(700);
        return { result: null };
      });
      const failedOnce = new Set<string>();
      const retried = completions(async (keys) => {
        const first = keys.find((key) => !failedOnce.has(key));
        if (first === undefined) return { result: null };
        failedOnce.add(first);
        return { error: { errorType: 'Error', errorMessage: `first delivery of ${first} fails` } };
      });
      const windowed = completions(async () => ({ result: null }));
      const { put, pollers } = await setUp(onTestFinished, [
        { invoke: slow.invoke },
        { invoke: retried.invoke },
        { invoke: windowed.invoke, settings: { maximumBatchingWindowInSeconds: 2 } },
      ]);
      await put('a');
      await put('b');
      await Promise.all(pollers.map((poller) => poller.settled()));
      // Read at once, not polled for: a barrier that resolved early leaves these short.
      expect(slow.ended).toEqual(['a', 'b']);
      expect(retried.ended).toEqual(['a', 'b']);
      expect(windowed.ended).toEqual(['a', 'b']);
      // Each key's first delivery failed, whatever the batches: both were retried before the barrier resolved.
      expect([...failedOnce]).toEqual(['a', 'b']);
    });

    it('settled() resolves while another writer keeps writing, covering what was written before it', async ({ onTestFinished }) => {
      const all = completions(async () => {
        await sleep(20);
        return { result: null };
      });
      const { put, pollers } = await setUp(onTestFinished, [{ invoke: all.invoke }]);
      let writing = true;
      let written = 0;
      const writer = (async () => {
        while (writing) await put(`noise-${(written += 1)}`);
      })();
      try {
        await sleep(300);
        await put('target');
        await pollers[0]?.settled();
        expect(all.ended).toContain('target');
        // The writer kept going while the barrier waited: records after the target did not hold it up.
        expect(written).toBeGreaterThan(all.ended.indexOf('target'));
      } finally {
        writing = false;
        await writer;
      }
    });

    it('settled() reads every shard at once at any pace, and resolves at once once the poller stopped', async ({ onTestFinished }) => {
      const first = recorder();
      const second = recorder();
      // A minute between reads: without the barrier's own reads, it would outlast the test's timeout.
      const { put, pollers } = await setUp(onTestFinished, [{ invoke: first.invoke }, { invoke: second.invoke }], { pollIntervalMs: 60_000 });
      await sleep(200);
      await put('late');
      await Promise.all(pollers.map((poller) => poller.settled()));
      expect(first.keys).toEqual(['late']);
      expect(second.keys).toEqual(['late']);
      await Promise.all(pollers.map((poller) => poller.stop()));
      await put('after-stop');
      await Promise.all(pollers.map((poller) => poller.settled()));
      expect(first.keys).toEqual(['late']);
    });

    it('delivers every record to every mapping, in order, written in bursts and after idle gaps', async ({ onTestFinished }) => {
      const all = recorder();
      const filtered = recorder();
      const third = recorder();
      const { put } = await setUp(onTestFinished, [
        { invoke: all.invoke },
        { invoke: filtered.invoke, settings: { filterPatterns: ['{"dynamodb":{"NewImage":{"kind":{"S":["odd"]}}}}'] } },
        { invoke: third.invoke },
      ]);
      const written: string[] = [];
      for (let round = 0; round < 12; round += 1) {
        // Bursts of 1–4 writes, then a gap: shorter than a poll, about one, or long enough for every mapping to idle.
        const burst = Array.from({ length: 1 + (round % 4) }, (_, i) => `r${String(round).padStart(2, '0')}-${i}`);
        for (const key of burst) {
          written.push(key);
          await put(key, written.length % 2 === 1 ? 'odd' : 'even');
        }
        await new Promise((resolve) => setTimeout(resolve, [0, 30, 60, 400][round % 4]));
      }
      const odd = written.filter((_, index) => index % 2 === 0);
      await expect.poll(() => all.keys.length, { timeout: 15_000 }).toBe(written.length);
      await expect.poll(() => third.keys.length, { timeout: 15_000 }).toBe(written.length);
      await expect.poll(() => filtered.keys.length, { timeout: 15_000 }).toBe(odd.length);
      expect(all.keys).toEqual(written);
      expect(third.keys).toEqual(written);
      expect(filtered.keys).toEqual(odd);
    });

    it('polls an idle shard once per interval between its mappings, not once per mapping', async ({ onTestFinished }) => {
      await setUp(onTestFinished, [{ invoke: recorder().invoke }, { invoke: recorder().invoke }, { invoke: recorder().invoke }]);
      // Past the first reads from TRIM_HORIZON, every mapping is idle.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const from = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const calls = getRecordsCalls.filter((at) => at >= from && at < from + 2000).length;
      // One GetRecords per 50 ms interval is 40 in 2 s (a loaded machine makes fewer); each mapping polling on its own
      // made three times as many.
      expect(calls).toBeGreaterThan(0);
      expect(calls).toBeLessThanOrEqual(50);
    });

    it('keeps delivering to the other mappings while one retries a failing batch without end', async ({ onTestFinished }) => {
      const stuck = recorder(() => ({ error: { errorType: 'Error', errorMessage: 'always fails' } }));
      const healthy = recorder();
      const { put } = await setUp(onTestFinished, [{ invoke: stuck.invoke }, { invoke: healthy.invoke }]);
      await put('first');
      await expect.poll(() => stuck.keys.filter((key) => key === 'first').length, { timeout: 10_000 }).toBeGreaterThan(2);
      await put('second');
      await put('third');
      await expect.poll(() => healthy.keys, { timeout: 10_000 }).toEqual(['first', 'second', 'third']);
      expect(stuck.keys.every((key) => key === 'first')).toBe(true);
    });
  });
});
