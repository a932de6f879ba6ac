/** Builds every data source of an API from its configuration. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DataSourceConfig } from '../../config.ts';
import { createDynamoDbDataSource } from './dynamodb/dynamodb-data-source.ts';
import type { DynamoDbStats } from './dynamodb/stats.ts';
import { createLambdaDataSource } from './lambda-data-source.ts';
import { createNoneDataSource } from './none-data-source.ts';
import type { DataSource } from './types.ts';
import { createUnsupportedDataSource } from './unsupported-data-source.ts';

/** Data sources by name. */
export function createDataSources(
  configs: Record<string, DataSourceConfig>,
  dynamodb: DynamoDBClient,
  stats: DynamoDbStats,
): Map<string, DataSource> {
  const sources = new Map<string, DataSource>();
  for (const [name, config] of Object.entries(configs)) sources.set(name, createDataSource(config, dynamodb, stats));
  return sources;
}

function createDataSource(config: DataSourceConfig, dynamodb: DynamoDBClient, stats: DynamoDbStats): DataSource {
  switch (config.type) {
    case 'AMAZON_DYNAMODB':
      return createDynamoDbDataSource(dynamodb, config.tableName, stats);
    case 'NONE':
      return createNoneDataSource();
    case 'AWS_LAMBDA':
      return createLambdaDataSource(config);
    default:
      return createUnsupportedDataSource(config.unsupported);
  }
}
