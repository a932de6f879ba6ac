/**
 * The DynamoDB Local pool against real JVMs: one holder at a time, every table gone before the next holder, dead JVMs
 * never lent again, nothing left running after stop — and a stack that takes its DynamoDB Local from a lease.
 */
import { CreateTableCommand, DynamoDBClient, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pidListeningOn } from '../../test/support/process-memory.ts';
import { startLocalStack } from '../stack.ts';
import { leaseDynamoDbLocal, startDynamoDbLocalPool, type DynamoDbLocalPool } from './dynamodb-local-pool.ts';
import { listening } from '../test-support/listening.ts';

const CREDENTIALS = { accessKeyId: 'poolTest', secretAccessKey: 'poolTest' };
const client = (endpoint: string) => new DynamoDBClient({ endpoint, region: 'eu-west-1', credentials: CREDENTIALS });

async function tablesOf(endpoint: string): Promise<string[]> {
  const dynamodb = client(endpoint);
  try {
    return (await dynamodb.send(new ListTablesCommand({}))).TableNames ?? [];
  } finally {
    dynamodb.destroy();
  }
}

async function createTableWithItem(endpoint: string, tableName: string): Promise<void> {
  const dynamodb = client(endpoint);
  try {
    await dynamodb.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      }),
    );
    await dynamodb.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: 'left-behind' } } }));
  } finally {
    dynamodb.destroy();
  }
}

let pool: DynamoDbLocalPool;
beforeAll(async () => {
  pool = await startDynamoDbLocalPool();
});
afterAll(() => pool?.stop());

describe('a DynamoDB Local pool', () => {
  it('lends a JVM to one holder at a time and gets it back with no tables, for the next lease', async () => {
    const [first, second] = await Promise.all([leaseDynamoDbLocal(pool.url), leaseDynamoDbLocal(pool.url)]);
    expect(first.endpoint).not.toBe(second.endpoint);
    await createTableWithItem(first.endpoint, 'FirstHolders');
    expect(await tablesOf(second.endpoint)).toEqual([]);
    expect(pool.stats()).toMatchObject({ leased: 2, idle: 0 });

    await first.stop();
    // Given back twice (a stack's stop and a test's clean-up) is one return.
    await first.stop();
    expect(pool.stats()).toMatchObject({ leased: 1, idle: 1 });
    const next = await leaseDynamoDbLocal(pool.url);
    expect(next.endpoint).toBe(first.endpoint);
    expect(await tablesOf(next.endpoint)).toEqual([]);
    // The same name again: nothing of the first holder's table (nor its stream) is left to collide with.
    await createTableWithItem(next.endpoint, 'FirstHolders');
    await Promise.all([next.stop(), second.stop()]);
    expect(pool.stats()).toMatchObject({ leased: 0, idle: 2 });
  }, 60_000);

  it('never lends a JVM that died while idle', async () => {
    const lease = await leaseDynamoDbLocal(pool.url);
    await lease.stop();
    const { idle, started } = pool.stats();
    expect(idle).toBeGreaterThan(1);
    process.kill(pidListeningOn(lease.port)!, 'SIGKILL');
    await expect.poll(() => listening(lease.port)).toBe(false);

    // The dead JVM is the next in line (the last given back): the lease skips it for a live idle one.
    const next = await leaseDynamoDbLocal(pool.url);
    expect(next.port).not.toBe(lease.port);
    expect(await tablesOf(next.endpoint)).toEqual([]);
    expect(pool.stats()).toMatchObject({ started, idle: idle - 2 });
    await next.stop();
  }, 60_000);

  it('never lends a JVM that died while lent out, and starts another', async () => {
    const lease = await leaseDynamoDbLocal(pool.url);
    const before = pool.stats();
    const pid = pidListeningOn(lease.port);
    expect(pid).toBeDefined();
    process.kill(pid!, 'SIGKILL');
    await expect.poll(() => listening(lease.port)).toBe(false);
    await lease.stop();
    expect(pool.stats().idle).toBe(before.idle);

    const leases = await Promise.all(Array.from({ length: before.idle + 1 }, () => leaseDynamoDbLocal(pool.url)));
    expect(leases.map((each) => each.port)).not.toContain(lease.port);
    expect(pool.stats().started).toBe(before.started + 1);
    for (const each of leases) expect(await tablesOf(each.endpoint)).toEqual([]);
    await Promise.all(leases.map((each) => each.stop()));
  }, 60_000);

  it('stops a JVM given back beyond maxIdle, and every JVM, lent out or not, when it stops', async () => {
    const small = await startDynamoDbLocalPool({ maxIdle: 0 });
    try {
      const given = await leaseDynamoDbLocal(small.url);
      const kept = await leaseDynamoDbLocal(small.url);
      await given.stop();
      expect(await listening(given.port)).toBe(false);
      expect(small.stats()).toMatchObject({ started: 2, leased: 1, idle: 0 });
      await small.stop();
      expect(await listening(kept.port)).toBe(false);
      await expect(leaseDynamoDbLocal(small.url)).rejects.toThrow(/No DynamoDB Local from the pool|fetch failed/);
    } finally {
      await small.stop();
    }
  }, 60_000);

  it('answers what it does not serve with 404 and a message', async () => {
    const unknown = await fetch(`${pool.url}/leases/999`, { method: 'DELETE' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: 'no lease 999' });
    const other = await fetch(`${pool.url}/tables`);
    expect(other.status).toBe(404);
    expect(((await other.json()) as { message: string }).message).toMatch(/serves POST \/leases/);
  });
});

describe('a stack on a leased DynamoDB Local', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'appsync-local-pool-stack-'));
  const TABLE_API = { template: join(import.meta.dirname, '..', 'fixtures', 'stacks', 'table-api.template.json') };
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  it('creates its tables there, resolves against them, and gives the JVM back, emptied, when it stops', async () => {
    const stack = await startLocalStack({ ...TABLE_API, stateDir, ses: false, sms: false, dynamodbLocal: () => leaseDynamoDbLocal(pool.url) });
    try {
      expect(pool.stats().leased).toBe(1);
      expect(await tablesOf(stack.endpoints.dynamodbUrl)).toEqual(['pool-notes']);
      const dynamodb = client(stack.endpoints.dynamodbUrl);
      await dynamodb.send(new PutItemCommand({ TableName: 'pool-notes', Item: { id: { S: 'n1' }, text: { S: 'leased' } } }));
      dynamodb.destroy();
      const answer = await fetch(stack.endpoints.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': String(stack.endpoints.apiKey) },
        body: JSON.stringify({ query: '{ note(id: "n1") { id text } }' }),
      });
      expect(await answer.json()).toEqual({ data: { note: { id: 'n1', text: 'leased' } } });
    } finally {
      await stack.stop();
    }
    expect(pool.stats().leased).toBe(0);
    expect(await tablesOf(stack.endpoints.dynamodbUrl)).toEqual([]);
  }, 60_000);

  it('refuses a lease together with persisted data or a fixed DynamoDB port, before leasing', async () => {
    let leased = 0;
    const dynamodbLocal = () => {
      leased += 1;
      return leaseDynamoDbLocal(pool.url);
    };
    await expect(startLocalStack({ ...TABLE_API, stateDir, persist: true, dynamodbLocal })).rejects.toThrow(/cannot be combined with persist or ports\.dynamodb/);
    await expect(startLocalStack({ ...TABLE_API, stateDir, ports: { dynamodb: 1 }, dynamodbLocal })).rejects.toThrow(/cannot be combined/);
    expect(leased).toBe(0);
  });
});
