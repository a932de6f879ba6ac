/** Builds every data source of an API from its configuration. */
import type { DataSourceConfig } from '../../stack-description.ts';
import { createDynamoDbDataSource } from './dynamodb/dynamodb-data-source.ts';
import type { DynamoDbJsonClient } from './dynamodb/dynamodb-json-client.ts';
import type { DynamoDbStats } from './dynamodb/stats.ts';
import { createHttpDataSource, parseEndpointOverrides, type HttpDataSourceOptions } from './http-data-source.ts';
import { createLambdaDataSource } from './lambda-data-source.ts';
import { createNoneDataSource } from './none-data-source.ts';
import type { DataSource } from './types.ts';
import { createUnsupportedDataSource } from './unsupported-data-source.ts';

/**
 * Data sources by name.
 * @param http how HTTP data sources sign and where their requests go (credentials, endpoint overrides, timeout).
 * @throws Error for an endpoint override that is not an http(s) origin.
 */
export function createDataSources(
  configs: Record<string, DataSourceConfig>,
  dynamodb: DynamoDbJsonClient,
  stats: DynamoDbStats,
  http: HttpDataSourceOptions = {},
): Map<string, DataSource> {
  const env: Environment = { dynamodb, stats, http, overrides: parseEndpointOverrides(http.endpointOverrides) };
  const sources = new Map<string, DataSource>();
  for (const [name, config] of Object.entries(configs)) sources.set(name, createDataSource(config, env));
  return sources;
}

/** What the data sources of one API share. */
interface Environment {
  dynamodb: DynamoDbJsonClient;
  stats: DynamoDbStats;
  http: HttpDataSourceOptions;
  overrides: Map<string, string>;
}

function createDataSource(config: DataSourceConfig, env: Environment): DataSource {
  switch (config.type) {
    case 'AMAZON_DYNAMODB':
      return createDynamoDbDataSource(env.dynamodb, config.tableName, env.stats);
    case 'NONE':
      return createNoneDataSource();
    case 'AWS_LAMBDA':
      return createLambdaDataSource(config);
    case 'HTTP':
      return createHttpDataSource(config, env.http, env.overrides);
    default:
      return createUnsupportedDataSource(config.unsupported);
  }
}
