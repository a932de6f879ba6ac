/**
 * The engine's DynamoDB client against DynamoDB Local, side by side with the AWS SDK's client: the same requests give
 * the same outputs and the same errors (name, message, status, the fields the data source reads), binary values
 * round-trip, and failures are retried as the SDK's standard mode retries them.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbLocalEndpoint } from '../../../services/dynamodb-local.ts';
import { testDynamoDbLocal } from '../../../test-support/dynamodb-local.ts';
import { createDynamoDbJsonClient, type DynamoDbJsonClient } from './dynamodb-json-client.ts';

const TABLE = 'json-client-test';
const REGION = 'eu-west-1';
const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };
let dynamo: DynamoDbLocalEndpoint;
let sdk: DynamoDBClient;
let client: DynamoDbJsonClient;

beforeAll(async () => {
  dynamo = await testDynamoDbLocal();
  sdk = new DynamoDBClient({ endpoint: dynamo.endpoint, region: REGION, credentials });
  client = createDynamoDbJsonClient({ endpoint: dynamo.endpoint, region: REGION, credentials });
  await sdk.send(
    new CreateTableCommand({
      TableName: TABLE,
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
}, 120_000);

afterAll(async () => {
  sdk?.destroy();
  client?.destroy();
  await dynamo?.stop();
});

/** The parts of an error the data source and AppSync's wording read. */
async function failureOf(work: Promise<unknown>): Promise<Record<string, unknown>> {
  const error = (await work.then(
    () => {
      throw new Error('expected a failure');
    },
    (failure: unknown) => failure,
  )) as Record<string, unknown> & { $metadata: { httpStatusCode?: number } };
  return {
    name: error.name,
    message: error.message,
    status: error.$metadata.httpStatusCode,
    CancellationReasons: error.CancellationReasons,
    Item: error.Item,
  };
}

describe('against DynamoDB Local, next to the SDK', () => {
  const bytes = Buffer.from([0, 1, 2, 250, 255]);

  it('writes and reads binary, sets, maps and numbers exactly as the SDK does', async () => {
    const item = {
      pk: { S: 'binary' },
      B: { M: { B: { S: 'an attribute named B holds an AttributeValue, not bytes' } } },
      blob: { B: new Uint8Array(bytes) },
      blobs: { BS: [new Uint8Array([1]), new Uint8Array([2, 3])] },
      n: { N: '12.5' },
      list: { L: [{ S: 'a' }, { B: new Uint8Array([9]) }] },
    };
    await client.call('PutItem', { TableName: TABLE, Item: item });
    const bySdk = await sdk.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'binary' } }, ConsistentRead: true }));
    const ours = await client.call('GetItem', { TableName: TABLE, Key: { pk: { S: 'binary' } }, ConsistentRead: true });
    expect(ours.Item).toEqual(bySdk.Item);
    expect(Buffer.from(ours.Item!.blob!.B!)).toEqual(bytes);
    expect(ours.Item!.B).toEqual({ M: { B: { S: 'an attribute named B holds an AttributeValue, not bytes' } } });
  });

  it('answers a missing item and the consumed capacity as the SDK does', async () => {
    const input = { TableName: TABLE, Key: { pk: { S: 'missing' } }, ReturnConsumedCapacity: 'TOTAL' as const };
    const { $metadata: _metadata, ...bySdk } = await sdk.send(new GetItemCommand(input));
    expect(await client.call('GetItem', input)).toEqual(bySdk);
  });

  it('fails a condition like the SDK, with the old item when asked for it', async () => {
    await sdk.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'cond' }, v: { N: '1' } } }));
    const input = {
      TableName: TABLE,
      Key: { pk: { S: 'cond' } },
      UpdateExpression: 'SET v = :two',
      ConditionExpression: 'v = :zero',
      ExpressionAttributeValues: { ':two': { N: '2' }, ':zero': { N: '0' } },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    };
    const ours = await failureOf(client.call('UpdateItem', input));
    expect(ours).toEqual(await failureOf(sdk.send(new UpdateItemCommand(input))));
    expect(ours).toMatchObject({ name: 'ConditionalCheckFailedException', status: 400, Item: { v: { N: '1' } } });
  });

  it('cancels a transaction like the SDK, with every cancellation reason', async () => {
    const input = {
      TransactItems: [
        { Put: { TableName: TABLE, Item: { pk: { S: 'tx-1' } } } },
        { ConditionCheck: { TableName: TABLE, Key: { pk: { S: 'cond' } }, ConditionExpression: 'attribute_not_exists(pk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } },
      ],
    };
    const ours = await failureOf(client.call('TransactWriteItems', input));
    expect(ours).toEqual(await failureOf(sdk.send(new TransactWriteItemsCommand(input))));
    expect(ours).toMatchObject({
      name: 'TransactionCanceledException',
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Item: { pk: { S: 'cond' } } }],
    });
  });

  it('reports a validation error like the SDK (no retry)', async () => {
    const input = { TableName: 'no', Key: { pk: { S: 'x' } } };
    const ours = await failureOf(client.call('GetItem', input));
    expect(ours).toEqual(await failureOf(sdk.send(new GetItemCommand(input))));
    expect(ours.name).toBe('ValidationException');
  });

  it('calls onWrite as each write is answered, refused ones too, and never for a read', async () => {
    const answered: string[] = [];
    const watched = createDynamoDbJsonClient({ endpoint: dynamo.endpoint, region: REGION, credentials, onWrite: () => answered.push('write') });
    const settle = (work: Promise<unknown>) => work.then(() => answered.push('settled'), () => answered.push('settled'));
    try {
      await settle(watched.call('PutItem', { TableName: TABLE, Item: { pk: { S: 'watched' } } }));
      await settle(watched.call('UpdateItem', { TableName: TABLE, Key: { pk: { S: 'watched' } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { N: '1' } } }));
      await settle(watched.call('DeleteItem', { TableName: TABLE, Key: { pk: { S: 'watched' } }, ConditionExpression: 'attribute_exists(nothing)' }));
      await settle(watched.call('BatchWriteItem', { RequestItems: { [TABLE]: [{ PutRequest: { Item: { pk: { S: 'watched-2' } } } }] } }));
      await settle(watched.call('TransactWriteItems', { TransactItems: [{ Delete: { TableName: TABLE, Key: { pk: { S: 'watched-2' } } } }] }));
      expect(answered).toEqual(Array(5).fill(['write', 'settled']).flat());
      answered.length = 0;
      await watched.call('GetItem', { TableName: TABLE, Key: { pk: { S: 'watched' } } });
      await watched.call('Query', { TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: 'watched' } } });
      await watched.call('Scan', { TableName: TABLE, Limit: 1 });
      await watched.call('BatchGetItem', { RequestItems: { [TABLE]: { Keys: [{ pk: { S: 'watched' } }] } } });
      await watched.call('TransactGetItems', { TransactItems: [{ Get: { TableName: TABLE, Key: { pk: { S: 'watched' } } } }] });
      expect(answered).toEqual([]);
    } finally {
      watched.destroy();
    }
  });
});

describe('retries, as the SDK standard mode', () => {
  let server: Server;
  let endpoint: string;
  let answers: { status: number; body: object }[];
  const received: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      received.push(request.headers);
      request.resume();
      request.on('end', () => {
        const answer = answers.shift() ?? { status: 200, body: {} };
        response.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': `req-${received.length}` });
        response.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const throttled = { status: 400, body: { __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException', message: 'Rate exceeded' } };

  it('signs each request for DynamoDB in the region, naming the operation', async () => {
    answers = [];
    received.length = 0;
    const local = createDynamoDbJsonClient({ endpoint, region: REGION, credentials });
    await local.call('Scan', { TableName: TABLE });
    local.destroy();
    expect(received[0]).toMatchObject({
      'x-amz-target': 'DynamoDB_20120810.Scan',
      'content-type': 'application/x-amz-json-1.0',
      authorization: expect.stringMatching(new RegExp(`^AWS4-HMAC-SHA256 Credential=x/\\d{8}/${REGION}/dynamodb/aws4_request, SignedHeaders=.*x-amz-target.*, Signature=[0-9a-f]{64}$`)),
    });
  });

  it('retries throttling and 5xx answers up to three attempts in all', async () => {
    received.length = 0;
    answers = [throttled, { status: 503, body: {} }, { status: 200, body: { Count: 0, Items: [] } }];
    const local = createDynamoDbJsonClient({ endpoint, region: REGION, credentials });
    expect(await local.call('Scan', { TableName: TABLE })).toEqual({ Count: 0, Items: [] });
    expect(received).toHaveLength(3);

    received.length = 0;
    answers = [throttled, throttled, throttled, { status: 200, body: {} }];
    expect(await failureOf(local.call('Scan', { TableName: TABLE }))).toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded', status: 400 });
    expect(received).toHaveLength(3);
    local.destroy();
  }, 30_000);

  it('does not retry a client error such as a failed condition', async () => {
    received.length = 0;
    answers = [{ status: 400, body: { __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', message: 'The conditional request failed' } }];
    const local = createDynamoDbJsonClient({ endpoint, region: REGION, credentials });
    expect(await failureOf(local.call('PutItem', { TableName: TABLE, Item: {} }))).toMatchObject({ name: 'ConditionalCheckFailedException', status: 400 });
    expect(received).toHaveLength(1);
    local.destroy();
  });

  it('rejects with the network error when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const local = createDynamoDbJsonClient({ endpoint: `http://127.0.0.1:${port}`, region: REGION, credentials });
    await expect(local.call('Scan', { TableName: TABLE })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    local.destroy();
  }, 30_000);
});
