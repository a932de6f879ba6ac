import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { createServer, request, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type DynamoDbLocal } from '../services/dynamodb-local.ts';
import type { EventSourceMappingConfig } from '../stack-description.ts';
import type { InvokeOutcome } from './function-runner.ts';
import { OnFailureDestinations } from './on-failure-destinations.ts';
import { ShardPollTurns } from './shard-poll-turns.ts';
import { startStreamPoller, type StreamPoller } from './stream-poller.ts';

/** A sleep the test ends by hand: `finish(true)` as if the interval passed, `finish(false)` as if stopping. */
function manualSleep() {
  const pending: ((passed: boolean) => void)[] = [];
  return {
    sleep: (_ms: number) => new Promise<boolean>((resolve) => pending.push(resolve)),
    finish: (passed = true) => pending.shift()?.(passed),
    get pending() {
      return pending.length;
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('ShardPollTurns', () => {
  it('lets one idle mapping wait out the interval at a time; the next takes the turn when that read is done', async () => {
    const turns = new ShardPollTurns();
    const clock = manualSleep();
    const signal = new AbortController().signal;
    const first = turns.wait('s', turns.generation('s'), 250, clock.sleep, signal);
    let second: string | undefined;
    void turns.wait('s', turns.generation('s'), 250, clock.sleep, signal).then((outcome) => (second = outcome));
    await settle();
    expect(clock.pending).toBe(1);

    clock.finish();
    expect(await first).toBe('turn');
    await settle();
    // The first mapping reads now and still holds the turn: the second waits.
    expect(clock.pending).toBe(0);
    expect(second).toBeUndefined();

    turns.release('s');
    await settle();
    expect(clock.pending).toBe(1);
    clock.finish();
    await settle();
    expect(second).toBe('turn');
  });

  it('wakes every waiting mapping at once when a read returns records', async () => {
    const turns = new ShardPollTurns();
    const clock = manualSleep();
    const signal = new AbortController().signal;
    const seen = turns.generation('s');
    const outcomes = Promise.all([1, 2, 3].map(() => turns.wait('s', seen, 250, clock.sleep, signal)));
    await settle();

    turns.changed('s');
    clock.finish();
    expect((await outcomes).sort()).toEqual(['changed', 'changed', 'turn']);
  });

  it('never waits after a change that came while the mapping was reading', async () => {
    const turns = new ShardPollTurns();
    const seen = turns.generation('s');
    turns.changed('s');
    const sleeps: number[] = [];
    const outcome = await turns.wait('s', seen, 250, async (ms) => (sleeps.push(ms), true), new AbortController().signal);
    expect(outcome).toBe('changed');
    expect(sleeps).toEqual([]);
  });

  it('keeps shards apart', async () => {
    const turns = new ShardPollTurns();
    const clock = manualSleep();
    const signal = new AbortController().signal;
    void turns.wait('a', turns.generation('a'), 250, clock.sleep, signal);
    void turns.wait('b', turns.generation('b'), 250, clock.sleep, signal);
    await settle();
    expect(clock.pending).toBe(2);
  });

  it('ends a wait when its poller stops, and gives the turn back', async () => {
    const turns = new ShardPollTurns();
    const clock = manualSleep();
    const stopping = new AbortController();
    const other = new AbortController();
    const holder = turns.wait('s', 0, 250, clock.sleep, stopping.signal);
    const waiter = turns.wait('s', 0, 250, clock.sleep, stopping.signal);
    const next = turns.wait('s', 0, 250, clock.sleep, other.signal);
    await settle();

    stopping.abort();
    clock.finish(false);
    expect(await holder).toBe('stopped');
    expect(await waiter).toBe('stopped');
    await settle();
    clock.finish();
    expect(await next).toBe('turn');
  });
});

const REGION = 'eu-west-1';

describe('stream pollers sharing a shard', () => {
  let ddb: DynamoDbLocal;
  let proxy: Server;
  let proxyEndpoint: string;
  let client: DynamoDBClient;
  let workDir: string;
  let tables = 0;
  const getRecordsCalls: number[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    ddb = await startDynamoDbLocal();
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
    client = new DynamoDBClient({ endpoint: ddb.endpoint, region: REGION, credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
    workDir = mkdtempSync(join(tmpdir(), 'shard-turns-'));
  }, 60_000);

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  afterAll(async () => {
    client?.destroy();
    await new Promise((resolve) => proxy?.close(resolve));
    await ddb?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  /** A stream-enabled table and a poller per entry of `mappings`, all sharing one ShardPollTurns. */
  async function setUp(mappings: { invoke: (event: DynamoDBStreamEvent) => Promise<InvokeOutcome>; settings?: Partial<EventSourceMappingConfig> }[]) {
    tables += 1;
    const tableName = `turns-${tables}`;
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      }),
    );
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
          pollIntervalMs: 50,
          retryDelayMs: 20,
          turns,
          log: () => {},
        }),
      );
    }
    cleanups.push(async () => {
      await Promise.all(pollers.map((poller) => poller.stop()));
    });
    const put = (pk: string, kind = 'plain') =>
      client.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: pk }, kind: { S: kind } } }));
    return { put };
  }

  /** An invoke that records each delivered key, then answers as `answer` says. */
  function recorder(answer: (keys: string[]) => InvokeOutcome = () => ({ result: null })) {
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

  it('delivers every record to every mapping, in order, written in bursts and after idle gaps', async () => {
    const all = recorder();
    const filtered = recorder();
    const third = recorder();
    const { put } = await setUp([
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

  it('polls an idle shard once per interval between its mappings, not once per mapping', async () => {
    await setUp([{ invoke: recorder().invoke }, { invoke: recorder().invoke }, { invoke: recorder().invoke }]);
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

  it('keeps delivering to the other mappings while one retries a failing batch without end', async () => {
    const stuck = recorder(() => ({ error: { errorType: 'Error', errorMessage: 'always fails' } }));
    const healthy = recorder();
    const { put } = await setUp([{ invoke: stuck.invoke }, { invoke: healthy.invoke }]);
    await put('first');
    await expect.poll(() => stuck.keys.filter((key) => key === 'first').length, { timeout: 10_000 }).toBeGreaterThan(2);
    await put('second');
    await put('third');
    await expect.poll(() => healthy.keys, { timeout: 10_000 }).toEqual(['first', 'second', 'third']);
    expect(stuck.keys.every((key) => key === 'first')).toBe(true);
  });
});
