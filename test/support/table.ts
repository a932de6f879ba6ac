import { DynamoDBClient, GetItemCommand, ListTablesCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { OtpEndpoints } from './otp-stack.ts';

/** Direct access to the stack's table in DynamoDB Local, to look behind the API in assertions. */
export class SessionTable {
  private readonly client: DynamoDBClient;
  private tableName?: string;

  constructor(endpoints: OtpEndpoints) {
    this.client = new DynamoDBClient({
      endpoint: endpoints.dynamodbUrl,
      region: endpoints.region,
      credentials: endpoints.iam,
    });
  }

  private async name(): Promise<string> {
    if (!this.tableName) {
      const { TableNames = [] } = await this.client.send(new ListTablesCommand({}));
      if (TableNames.length !== 1) throw new Error(`expected the stack's one table, found ${TableNames.join(', ')}`);
      this.tableName = TableNames[0];
    }
    return this.tableName as string;
  }

  async session(sessionId: string): Promise<Record<string, unknown> | undefined> {
    return this.item(`SESSION#${sessionId}`);
  }

  /** Any item by its partition key (strongly consistent), e.g. a `MAILBOX#…` guard. */
  async item(pk: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: await this.name(), Key: { pk: { S: pk } }, ConsistentRead: true }),
    );
    return Item ? unmarshall(Item) : undefined;
  }

  /** Moves a session's expiry into the past while the item stays (as before DynamoDB's TTL deletion). */
  async expire(sessionId: string): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: await this.name(),
        Key: { pk: { S: `SESSION#${sessionId}` } },
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': { N: String(Math.floor(Date.now() / 1000) - 1) } },
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
