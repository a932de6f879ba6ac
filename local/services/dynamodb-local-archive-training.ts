/**
 * Writes DynamoDB Local's class archive ahead of need. On a fresh cache the first JVM writes the archive only when it
 * stops, and in a test run that JVM (the pool's, the shared stack's) lives to the end: every other JVM of a fresh
 * clone's first run then starts without it. Here a JVM of its own writes it at once, after the requests a stack makes,
 * so that their classes are in it too.
 */
import { classArchiveIsThere, startDynamoDbLocal, type DynamoDbLocalOptions } from './dynamodb-local.ts';

/** `written`: by this call; `present`: there already (no JVM started); `not-written`: another JVM is writing it, or no `java`. */
export type ClassArchiveTraining = 'written' | 'present' | 'not-written';

/** Makes sure the class archive exists: writes it, with a stack's requests in it, when it does not. */
export async function writeClassArchive(options: Pick<DynamoDbLocalOptions, 'classArchiveCacheDir'> = {}): Promise<ClassArchiveTraining> {
  if (classArchiveIsThere(options)) return 'present';
  const jvm = await startDynamoDbLocal({ classArchiveCacheDir: options.classArchiveCacheDir });
  try {
    if (jvm.classArchive !== 'dump') return 'not-written';
    await sendStackRequests(jvm.endpoint);
  } finally {
    // The archive is written as the JVM stops.
    await jvm.stop();
  }
  return classArchiveIsThere(options) ? 'written' : 'not-written';
}

const TABLE = 'class-archive-training';
const KEY = (id: string) => ({ pk: { S: id }, sk: { S: 'item' } });

/**
 * One of each kind of request the local stack and its functions make: a table with a stream, an index and TTL;
 * conditional writes that pass and fail; transactions that commit and are cancelled; reads, queries, batches; the
 * stream read as the Lambda poller reads it.
 */
export async function sendStackRequests(endpoint: string): Promise<void> {
  // Imported here: a test run's set-up reads this module to find the archive there, and needs no client then.
  const {
    BatchGetItemCommand,
    BatchWriteItemCommand,
    CreateTableCommand,
    DeleteItemCommand,
    DeleteTableCommand,
    DescribeTableCommand,
    DynamoDBClient,
    GetItemCommand,
    PutItemCommand,
    QueryCommand,
    ScanCommand,
    TransactGetItemsCommand,
    TransactWriteItemsCommand,
    UpdateItemCommand,
    UpdateTimeToLiveCommand,
  } = await import('@aws-sdk/client-dynamodb');
  const { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } = await import('@aws-sdk/client-dynamodb-streams');
  const settings = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'classArchive', secretAccessKey: 'classArchive' } };
  const dynamodb = new DynamoDBClient(settings);
  const streams = new DynamoDBStreamsClient(settings);
  const refused = (request: Promise<unknown>) => request.then(() => {}, () => {});
  try {
    const { TableDescription } = await dynamodb.send(
      new CreateTableCommand({
        TableName: TABLE,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'byOwner', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [{ IndexName: 'byOwner', KeySchema: [{ AttributeName: 'byOwner', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
    await dynamodb.send(new UpdateTimeToLiveCommand({ TableName: TABLE, TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true } }));
    await dynamodb.send(new DescribeTableCommand({ TableName: TABLE }));
    await dynamodb.send(
      new PutItemCommand({ TableName: TABLE, Item: { ...KEY('a'), byOwner: { S: 'o' }, expiresAt: { N: '4102444800' } }, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: KEY('a'),
        UpdateExpression: 'SET #n = if_not_exists(#n, :zero) + :one, tags = list_append(if_not_exists(tags, :empty), :tag) ADD seen :set REMOVE gone',
        ConditionExpression: 'attribute_exists(pk) AND (size(byOwner) > :zero OR begins_with(byOwner, :o))',
        ExpressionAttributeNames: { '#n': 'count' },
        ExpressionAttributeValues: { ':zero': { N: '0' }, ':one': { N: '1' }, ':empty': { L: [] }, ':tag': { L: [{ S: 't' }] }, ':set': { SS: ['x'] }, ':o': { S: 'o' } },
        ReturnValues: 'ALL_NEW',
      }),
    );
    await refused(
      dynamodb.send(
        new UpdateItemCommand({
          TableName: TABLE,
          Key: KEY('a'),
          UpdateExpression: 'SET #n = :one',
          ConditionExpression: '#n < :one',
          ExpressionAttributeNames: { '#n': 'count' },
          ExpressionAttributeValues: { ':one': { N: '1' } },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    await dynamodb.send(new GetItemCommand({ TableName: TABLE, Key: KEY('a'), ConsistentRead: true, ProjectionExpression: 'pk, #n', ExpressionAttributeNames: { '#n': 'count' } }));
    await dynamodb.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: 'byOwner',
        KeyConditionExpression: 'byOwner = :o',
        FilterExpression: 'attribute_exists(tags)',
        ExpressionAttributeValues: { ':o': { S: 'o' } },
        Limit: 10,
      }),
    );
    await dynamodb.send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :a AND begins_with(sk, :i)', ExpressionAttributeValues: { ':a': { S: 'a' }, ':i': { S: 'i' } }, ScanIndexForward: false }));
    await dynamodb.send(new ScanCommand({ TableName: TABLE, Limit: 5 }));
    const transaction = (condition: string) =>
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: TABLE, Item: { ...KEY('b'), byOwner: { S: 'o' } } } },
          { Update: { TableName: TABLE, Key: KEY('a'), UpdateExpression: 'SET verified = :yes', ExpressionAttributeValues: { ':yes': { BOOL: true } } } },
          { ConditionCheck: { TableName: TABLE, Key: KEY('c'), ConditionExpression: condition } },
        ],
      });
    await dynamodb.send(transaction('attribute_not_exists(pk)'));
    await refused(dynamodb.send(transaction('attribute_exists(pk)')));
    await dynamodb.send(new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: TABLE, Key: KEY('a') } }, { Get: { TableName: TABLE, Key: KEY('b') } }] }));
    await dynamodb.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: [{ PutRequest: { Item: KEY('d') } }, { DeleteRequest: { Key: KEY('b') } }] } }));
    await dynamodb.send(new BatchGetItemCommand({ RequestItems: { [TABLE]: { Keys: [KEY('a'), KEY('d')] } } }));
    await dynamodb.send(new DeleteItemCommand({ TableName: TABLE, Key: KEY('d'), ReturnValues: 'ALL_OLD' }));

    const StreamArn = TableDescription?.LatestStreamArn;
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn }));
    for (const { ShardId } of StreamDescription?.Shards ?? []) {
      const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn, ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
      await streams.send(new GetRecordsCommand({ ShardIterator, Limit: 100 }));
    }
    await dynamodb.send(new DeleteTableCommand({ TableName: TABLE }));
  } finally {
    dynamodb.destroy();
    streams.destroy();
  }
}
