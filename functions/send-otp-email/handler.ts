import { streamBatchHandler } from '../shared/stream-batch-handler.ts';
import { dynamoDbClient, kmsClient, sesClient } from './clients.ts';
import { readConfig } from './config.ts';
import { logger } from './logger.ts';
import { processSessionRecord } from './process-session-record.ts';

// Read once per container: a misconfigured function fails at cold start with the variable's name.
const config = readConfig(process.env);

/**
 * Lambda handler fed by the table's stream (INSERTs of `SESSION#` items): emails each new session its code.
 * SDK errors are wrapped before they reach the batch handler, so no failure log carries the code.
 */
export const handler = streamBatchHandler(logger, (record) =>
  processSessionRecord(record, { config, dynamoDb: dynamoDbClient, kms: kmsClient, ses: sesClient, logger }),
);
