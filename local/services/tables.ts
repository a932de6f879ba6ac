import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { TableConfig } from '../stack-description.ts';

/**
 * Creates the template's tables in DynamoDB Local (keys, indexes, stream, TTL), the way CloudFormation would.
 * A table that already exists (persisted data) is kept as it is.
 */
export async function createTables(client: DynamoDBClient, tables: TableConfig[]): Promise<void> {
  await Promise.all(tables.map((table) => createTable(client, table)));
}

async function createTable(client: DynamoDBClient, table: TableConfig): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: table.tableName,
        KeySchema: table.keySchema,
        AttributeDefinitions: table.attributeDefinitions,
        BillingMode: 'PAY_PER_REQUEST',
        ...(table.globalSecondaryIndexes?.length
          ? { GlobalSecondaryIndexes: table.globalSecondaryIndexes as CreateTableCommand['input']['GlobalSecondaryIndexes'] }
          : {}),
        ...(table.streamViewType
          ? { StreamSpecification: { StreamEnabled: true, StreamViewType: table.streamViewType } }
          : {}),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  if (table.ttlAttribute) {
    const description = await client.send(new DescribeTableCommand({ TableName: table.tableName }));
    if (description.Table?.TableStatus !== 'ACTIVE') throw new Error(`Table ${table.tableName} is not active`);
    await client
      .send(
        new UpdateTimeToLiveCommand({
          TableName: table.tableName,
          TimeToLiveSpecification: { Enabled: true, AttributeName: table.ttlAttribute },
        }),
      )
      // Enabling TTL twice (a persisted table) is refused with "TimeToLive is already enabled": nothing to do.
      .catch((error: Error) => {
        if (!/already enabled/i.test(error.message)) throw error;
      });
  }
}
