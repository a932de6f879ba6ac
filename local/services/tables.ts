import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { DynamoDbJsonClient } from '../appsync/data-sources/dynamodb/dynamodb-json-client.ts';
import type { TableConfig } from '../stack-description.ts';

/**
 * Creates the template's tables in DynamoDB Local (keys, indexes, stream, TTL), the way CloudFormation would.
 * A table that already exists (persisted data) is kept as it is.
 *
 * Through the engine's DynamoDB client, not the SDK's: these are the first requests of a start, on its critical path
 * once the JVM answers, and the SDK's first call costs 100–150 ms of CPU (its module and middleware) before it sends.
 */
export async function createTables(client: DynamoDbJsonClient, tables: TableConfig[]): Promise<void> {
  await Promise.all(tables.map((table) => createTable(client, table)));
}

async function createTable(client: DynamoDbJsonClient, table: TableConfig): Promise<void> {
  try {
    await client.call('CreateTable', {
      TableName: table.tableName,
      KeySchema: table.keySchema,
      AttributeDefinitions: table.attributeDefinitions,
      BillingMode: 'PAY_PER_REQUEST',
      ...(table.globalSecondaryIndexes?.length
        ? { GlobalSecondaryIndexes: table.globalSecondaryIndexes as CreateTableCommandInput['GlobalSecondaryIndexes'] }
        : {}),
      ...(table.streamViewType ? { StreamSpecification: { StreamEnabled: true, StreamViewType: table.streamViewType } } : {}),
    });
  } catch (error) {
    if ((error as Error).name !== 'ResourceInUseException') throw error;
  }
  if (table.ttlAttribute) {
    const description = await client.call('DescribeTable', { TableName: table.tableName });
    if (description.Table?.TableStatus !== 'ACTIVE') throw new Error(`Table ${table.tableName} is not active`);
    await client
      .call('UpdateTimeToLive', { TableName: table.tableName, TimeToLiveSpecification: { Enabled: true, AttributeName: table.ttlAttribute } })
      // Enabling TTL twice (a persisted table) is refused with "TimeToLive is already enabled": nothing to do.
      .catch((error: Error) => {
        if (!/already enabled/i.test(error.message)) throw error;
      });
  }
}
