import { inject } from 'vitest';
import { leaseDynamoDbLocal } from '../services/dynamodb-local-pool.ts';
import type { DynamoDbLocalEndpoint } from '../services/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The lease URL of the run's DynamoDB Local pool (./dynamodb-local-pool-setup.ts). */
    dynamodbLocalPool: string;
  }
}

/**
 * A DynamoDB Local with no tables, leased from the run's pool: its `stop()` gives it back. For a test's stack
 * (`startLocalStack`'s `dynamodbLocal`) or a test's own clients. A test that kills the JVM, or keeps data on disk,
 * starts its own.
 */
export function testDynamoDbLocal(): Promise<DynamoDbLocalEndpoint> {
  return leaseDynamoDbLocal(inject('dynamodbLocalPool'));
}
