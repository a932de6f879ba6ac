import { DynamoDBClient, GetItemCommand, ListTablesCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { sessionKey, sessionPk, type GuardItem, type SessionItem } from '../../infra/model/index.ts';
import type { OtpEndpoints } from './otp-stack.ts';

/** Past TTL's reach: DynamoDB (and DynamoDB Local) leave items whose expiry is over five years past. */
const SIX_YEARS_S = 6 * 366 * 24 * 60 * 60;

/** The stack's one table in DynamoDB Local (the tests, the bench and its smoke test find it this way). */
export async function findTableName(client: DynamoDBClient): Promise<string> {
  const { TableNames = [] } = await client.send(new ListTablesCommand({}));
  if (TableNames.length !== 1 || !TableNames[0]) throw new Error(`expected the stack's one table, found ${TableNames.join(', ')}`);
  return TableNames[0];
}

/** An SDK client for the stack's DynamoDB Local. */
export function localDynamoDb(endpoints: Pick<OtpEndpoints, 'dynamodbUrl' | 'region' | 'iam'>): DynamoDBClient {
  return new DynamoDBClient({ endpoint: endpoints.dynamodbUrl, region: endpoints.region, credentials: endpoints.iam });
}

/** The stack's one table in DynamoDB Local, found once: what the helpers that look behind the API share. */
export class LocalTable {
  protected readonly client: DynamoDBClient;
  private tableName?: Promise<string>;

  constructor(endpoints: Pick<OtpEndpoints, 'dynamodbUrl' | 'region' | 'iam'>) {
    this.client = localDynamoDb(endpoints);
  }

  protected name(): Promise<string> {
    this.tableName ??= findTableName(this.client);
    return this.tableName;
  }
}

/** Direct access to the stack's table in DynamoDB Local, to look behind the API in assertions. */
export class SessionTable extends LocalTable {

  /** A session item as stored now (strongly consistent), or undefined. */
  async session(sessionId: string): Promise<SessionItem | undefined> {
    return (await this.item(sessionPk(sessionId))) as SessionItem | undefined;
  }

  /** Any item by its partition key (strongly consistent), e.g. a mailbox's {@link GuardItem}. */
  async item(pk: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: await this.name(), Key: { pk: { S: pk } }, ConsistentRead: true }),
    );
    return Item ? unmarshall(Item) : undefined;
  }

  /** A mailbox's guard (failure budget and lock), or undefined. */
  async guard(pk: string): Promise<GuardItem | undefined> {
    return (await this.item(pk)) as GuardItem | undefined;
  }

  /**
   * Moves a session's expiry into the past while the item stays, as an expired item waits for DynamoDB's TTL deletion
   * (up to days on AWS). DynamoDB Local deletes expired items within seconds, which raced the assertions that read the
   * item afterwards; like DynamoDB, it never deletes an item whose expiry is more than five years past, so the expiry
   * goes six years back. Every check of expiry compares `expiresAt` with now, so any past value is the same to it.
   */
  async expire(sessionId: string): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: await this.name(),
        Key: sessionKey(sessionId),
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': { N: String(Math.floor(Date.now() / 1000) - SIX_YEARS_S) } },
      }),
    );
  }

  /** Sets a number attribute of any item, e.g. to end a mailbox's lock now instead of waiting for it. */
  async setNumber(pk: string, attribute: string, value: number): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: await this.name(),
        Key: { pk: { S: pk } },
        UpdateExpression: 'SET #attribute = :value',
        ExpressionAttributeNames: { '#attribute': attribute },
        ExpressionAttributeValues: { ':value': { N: String(value) } },
      }),
    );
  }

  close(): void {
    this.client.destroy();
  }
}
