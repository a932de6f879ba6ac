// Request and result shapes follow the AppSync JS resolver reference for DynamoDB
// (https://docs.aws.amazon.com/appsync/latest/devguide/js-resolver-reference-dynamodb.html).
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbLocalEndpoint } from '../../../services/dynamodb-local.ts';
import { testDynamoDbLocal } from '../../../test-support/dynamodb-local.ts';
import type { DataSource } from '../types.ts';
import { InvalidDataSourceRequestError } from '../types.ts';
import { createDynamoDbDataSource } from './dynamodb-data-source.ts';
import { createDynamoDbJsonClient, type DynamoDbJsonClient } from './dynamodb-json-client.ts';
import { DynamoDbStats } from './stats.ts';

const TABLE = 'ds-test';
let dynamo: DynamoDbLocalEndpoint;
let client: DynamoDBClient;
let jsonClient: DynamoDbJsonClient;
let source: DataSource;
const stats = new DynamoDbStats();

beforeAll(async () => {
  dynamo = await testDynamoDbLocal();
  client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'group', AttributeType: 'S' },
        { AttributeName: 'rank', AttributeType: 'N' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byGroup',
          KeySchema: [
            { AttributeName: 'group', KeyType: 'HASH' },
            { AttributeName: 'rank', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  jsonClient = createDynamoDbJsonClient({ endpoint: dynamo.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  source = createDynamoDbDataSource(jsonClient, TABLE, stats);
  for (const rank of [1, 2, 3, 4, 5]) {
    await source.invoke({
      operation: 'PutItem',
      key: { pk: { S: `g#${rank}` } },
      attributeValues: { group: { S: 'g' }, rank: { N: rank }, tags: { SS: ['a', 'b'] }, meta: { M: { ok: { BOOL: true } } } },
    });
  }
}, 120_000);

afterAll(async () => {
  client?.destroy();
  jsonClient?.destroy();
  await dynamo?.stop();
});

describe('DynamoDB data source', () => {
  it('GetItem returns plain JSON (numbers as numbers) or null', async () => {
    expect(await source.invoke({ operation: 'GetItem', key: { pk: { S: 'g#1' } }, consistentRead: true })).toEqual({
      result: { pk: 'g#1', group: 'g', rank: 1, tags: ['a', 'b'], meta: { ok: true } },
    });
    expect(await source.invoke({ operation: 'GetItem', key: { pk: { S: 'missing' } } })).toEqual({ result: null });
  });

  it('UpdateItem returns the new item; a failed condition sets ctx.error', async () => {
    const updated = await source.invoke({
      operation: 'UpdateItem',
      key: { pk: { S: 'g#1' } },
      update: { expression: 'SET #c = if_not_exists(#c, :zero) + :one', expressionNames: { '#c': 'count' }, expressionValues: { ':zero': { N: 0 }, ':one': { N: '1' } } },
    });
    expect(updated.result).toMatchObject({ pk: 'g#1', count: 1 });
    const refused = await source.invoke({
      operation: 'UpdateItem',
      key: { pk: { S: 'g#1' } },
      update: { expression: 'SET #c = :ten', expressionNames: { '#c': 'count' }, expressionValues: { ':ten': { N: 10 } } },
      condition: { expression: '#c > :five', expressionNames: { '#c': 'count' }, expressionValues: { ':five': { N: 5 } } },
    });
    expect(refused.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(refused.error?.message).toMatch(/\(Service: DynamoDb, Status Code: 400, Request ID: .+\)$/);
    expect(refused.result).toMatchObject({ pk: 'g#1', count: 1 });
  });

  it('PutItem with equalsIgnore reports success when the stored item already matches', async () => {
    const put = (version: number) =>
      source.invoke({
        operation: 'PutItem',
        key: { pk: { S: 'eq' } },
        attributeValues: { name: { S: 'same' }, version: { N: version } },
        condition: { expression: 'attribute_not_exists(pk)', equalsIgnore: ['version'] },
      });
    expect((await put(1)).error).toBeUndefined();
    const retry = await put(2);
    expect(retry.error).toBeUndefined();
    expect(retry.result).toEqual({ pk: 'eq', name: 'same', version: 1 });
  });

  it('DeleteItem returns the old item', async () => {
    await source.invoke({ operation: 'PutItem', key: { pk: { S: 'del' } }, attributeValues: { v: { N: 7 } } });
    expect(await source.invoke({ operation: 'DeleteItem', key: { pk: { S: 'del' } } })).toEqual({ result: { pk: 'del', v: 7 } });
    expect(await source.invoke({ operation: 'DeleteItem', key: { pk: { S: 'del' } } })).toEqual({ result: null });
  });

  it('Query pages through an index with limit, nextToken, scanIndexForward and filter', async () => {
    const request = {
      operation: 'Query',
      index: 'byGroup',
      query: { expression: '#g = :g', expressionNames: { '#g': 'group' }, expressionValues: { ':g': { S: 'g' } } },
      scanIndexForward: false,
      limit: 2,
    };
    const first = (await source.invoke(request)).result as { items: { rank: number }[]; nextToken: string | null };
    expect(first.items.map((item) => item.rank)).toEqual([5, 4]);
    expect(first.nextToken).toEqual(expect.any(String));
    const second = (await source.invoke({ ...request, nextToken: first.nextToken })).result as { items: { rank: number }[] };
    expect(second.items.map((item) => item.rank)).toEqual([3, 2]);
    const filteredAnswer = await source.invoke({
      ...request,
      limit: undefined,
      filter: { expression: '#p <> :p', expressionNames: { '#p': 'pk' }, expressionValues: { ':p': { S: 'g#2' } } },
    });
    expect(filteredAnswer.error).toBeUndefined();
    const filtered = filteredAnswer.result as { items: { rank: number }[]; nextToken: string | null };
    expect(filtered.items.map((item) => item.rank)).toEqual([5, 4, 3, 1]);
    expect(filtered.nextToken).toBeNull();
  });

  it('Scan supports filter, select COUNT-free projection and nextToken', async () => {
    const all: string[] = [];
    let nextToken: string | null = null;
    do {
      const page = (await source.invoke({
        operation: 'Scan',
        limit: 2,
        nextToken,
        consistentRead: true,
        filter: { expression: '#g = :g', expressionNames: { '#g': 'group' }, expressionValues: { ':g': { S: 'g' } } },
      })).result as { items: { pk: string }[]; nextToken: string | null };
      all.push(...page.items.map((item) => item.pk));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(all.sort()).toEqual(['g#1', 'g#2', 'g#3', 'g#4', 'g#5']);
  });

  it('BatchPutItem, BatchGetItem (request order, null for missing) and BatchDeleteItem', async () => {
    const put = await source.invoke({
      operation: 'BatchPutItem',
      tables: { [TABLE]: [{ pk: { S: 'b1' }, n: { N: 1 } }, { pk: { S: 'b2' }, n: { N: 2 } }] },
    });
    expect(put.result).toEqual({ data: { [TABLE]: [{ pk: 'b1', n: 1 }, { pk: 'b2', n: 2 }] }, unprocessedItems: { [TABLE]: [] } });
    const get = await source.invoke({
      operation: 'BatchGetItem',
      tables: { [TABLE]: { keys: [{ pk: { S: 'b2' } }, { pk: { S: 'nope' } }, { pk: { S: 'b1' } }], consistentRead: true } },
    });
    expect(get.result).toEqual({ data: { [TABLE]: [{ pk: 'b2', n: 2 }, null, { pk: 'b1', n: 1 }] }, unprocessedKeys: { [TABLE]: [] } });
    const removed = await source.invoke({ operation: 'BatchDeleteItem', tables: { [TABLE]: [{ pk: { S: 'b1' } }, { pk: { S: 'b2' } }] } });
    expect(removed.result).toEqual({ data: { [TABLE]: [{ pk: 'b1' }, { pk: 'b2' }] }, unprocessedKeys: { [TABLE]: [] } });
    expect(await source.invoke({ operation: 'GetItem', key: { pk: { S: 'b1' } } })).toEqual({ result: null });
  });

  it('TransactGetItems returns items in order', async () => {
    const answer = await source.invoke({
      operation: 'TransactGetItems',
      transactItems: [
        { table: TABLE, key: { pk: { S: 'g#2' } }, projection: { expression: '#r', expressionNames: { '#r': 'rank' } } },
        { table: TABLE, key: { pk: { S: 'nope' } } },
      ],
    });
    expect(answer).toEqual({ result: { items: [{ rank: 2 }, null], cancellationReasons: null } });
  });

  it('TransactWriteItems cancellation: ctx.error plus reasons with the item when asked', async () => {
    const answer = await source.invoke({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: TABLE, operation: 'ConditionCheck', key: { pk: { S: 'g#3' } }, condition: { expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: true } },
        { table: TABLE, operation: 'DeleteItem', key: { pk: { S: 'g#4' } } },
        { table: TABLE, operation: 'UpdateItem', key: { pk: { S: 'g#5' } }, update: { expression: 'SET x = :x', expressionValues: { ':x': { N: 1 } } } },
      ],
    });
    expect(answer.error?.type).toBe('DynamoDB:TransactionCanceledException');
    expect(answer.result).toEqual({
      keys: null,
      cancellationReasons: [
        { type: 'ConditionalCheckFailed', message: 'The conditional request failed.', item: { pk: 'g#3', group: 'g', rank: 3, tags: ['a', 'b'], meta: { ok: true } } },
        { type: 'None', message: null },
        { type: 'None', message: null },
      ],
    });
    expect(await source.invoke({ operation: 'GetItem', key: { pk: { S: 'g#4' } } })).toMatchObject({ result: { pk: 'g#4' } });
  });

  it('rejects malformed requests as invalid, not as ctx.error', async () => {
    await expect(source.invoke({ operation: 'Explode' })).rejects.toBeInstanceOf(InvalidDataSourceRequestError);
    await expect(source.invoke({ operation: 'GetItem', key: { pk: 'untyped' } })).rejects.toBeInstanceOf(InvalidDataSourceRequestError);
  });

  it('counted every call by operation', () => {
    const snapshot = stats.snapshot();
    expect(snapshot.requestsByOperation).toMatchObject({ PutItem: expect.any(Number), Query: 3, BatchGetItem: 1, TransactWriteItems: 1 });
    expect(snapshot.totalRequests).toBeGreaterThan(15);
  });
});
