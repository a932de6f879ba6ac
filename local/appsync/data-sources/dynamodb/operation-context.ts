/** What every DynamoDB operation handler receives. */
import { InvalidDataSourceRequestError } from '../types.ts';
import type { DynamoDbJsonClient } from './dynamodb-json-client.ts';
import type { DynamoDbStats } from './stats.ts';

/** The client, the data source's table and the counters. */
export interface OperationContext {
  client: DynamoDbJsonClient;
  tableName: string;
  stats: DynamoDbStats;
}

/** A request object as a plain map. */
export type RequestObject = Record<string, unknown>;

/** Reads a required map field of the request. */
export function requireMap(request: RequestObject, field: string): Record<string, unknown> {
  const value = request[field];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidDataSourceRequestError(`${String(request.operation)} requires "${field}"`);
  }
  return value as Record<string, unknown>;
}

/** Reads a required list field of the request. */
export function requireList(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new InvalidDataSourceRequestError(`${what} must be a list`);
  return value;
}
