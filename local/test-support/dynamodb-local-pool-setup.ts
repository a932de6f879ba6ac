/**
 * Vitest global setup (every project): one DynamoDB Local pool for the run, in vitest's main process. Test files
 * lease their JVMs from it (./dynamodb-local.ts) instead of starting one each (services/dynamodb-local-pool.ts).
 *
 * On a fresh clone it first writes DynamoDB Local's class archive, before any file starts a JVM: otherwise the run's
 * first JVM writes it when it stops, at the end of the run, and every JVM of that run starts without it.
 */
import type { TestProject } from 'vitest/node';
import { writeClassArchive } from '../services/dynamodb-local-archive-training.ts';
import { startDynamoDbLocalPool, type DynamoDbLocalPool } from '../services/dynamodb-local-pool.ts';

/** Each project loads this file anew and runs its set-up in the same process: the first pool serves them all. */
const POOL = Symbol.for('appsync-local.dynamodb-local-pool');

async function startPool(): Promise<DynamoDbLocalPool> {
  // Never fails the run: without the archive, JVMs start as before.
  await writeClassArchive().catch(() => 'not-written');
  return startDynamoDbLocalPool();
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const processState = globalThis as { [POOL]?: Promise<DynamoDbLocalPool> };
  const pool = await (processState[POOL] ??= startPool());
  project.provide('dynamodbLocalPool', pool.url);
  return pool.stop;
}
