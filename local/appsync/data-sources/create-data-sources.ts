/** Builds every data source of an API from its configuration. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DataSourceConfig } from '../../config.ts';
import { createDynamoDbDataSource } from './dynamodb/dynamodb-data-source.ts';
import type { DynamoDbStats } from './dynamodb/stats.ts';
import { createNoneDataSource } from './none-data-source.ts';
import type { DataSource } from './types.ts';

/** Data sources by name. */
export function createDataSources(
  configs: Record<string, DataSourceConfig>,
  dynamodb: DynamoDBClient,
  stats: DynamoDbStats,
): Map<string, DataSource> {
  const sources = new Map<string, DataSource>();
  for (const [name, config] of Object.entries(configs)) {
    sources.set(name, config.type === 'AMAZON_DYNAMODB' ? createDynamoDbDataSource(dynamodb, config.tableName, stats) : createNoneDataSource());
  }
  return sources;
}
