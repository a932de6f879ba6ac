/**
 * Vitest global setup (every project): one DynamoDB Local pool for the run, in vitest's main process. Test files
 * lease their JVMs from it (./dynamodb-local.ts) instead of starting one each (services/dynamodb-local-pool.ts).
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocalPool, type DynamoDbLocalPool } from '../services/dynamodb-local-pool.ts';

/** Each project loads this file anew and runs its set-up in the same process: the first pool serves them all. */
const POOL = Symbol.for('appsync-local.dynamodb-local-pool');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const processState = globalThis as { [POOL]?: Promise<DynamoDbLocalPool> };
  const pool = await (processState[POOL] ??= startDynamoDbLocalPool());
  project.provide('dynamodbLocalPool', pool.url);
  return pool.stop;
}
