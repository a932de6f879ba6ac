import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { DynamoDBRecord, DynamoDBStreamHandler } from 'aws-lambda';
import { dynamoDbClient, sesClient } from './clients.ts';
import { readConfig } from './config.ts';
import { logger } from './logger.ts';
import { processSessionRecord } from './process-session-record.ts';

// Read once per container: a misconfigured function fails at cold start with the variable's name.
const config = readConfig(process.env);
const processor = new BatchProcessor(EventType.DynamoDBStreams);

async function recordHandler(record: DynamoDBRecord): Promise<void> {
  try {
    await processSessionRecord(record, { config, dynamoDb: dynamoDbClient, ses: sesClient, logger });
  } catch (error) {
    // Name and message only: our errors never carry the code, and SDK errors are wrapped before they get here.
    logger.error('Record failed; it will be retried', {
      sessionId: record.dynamodb?.NewImage?.sessionId?.S,
      sequenceNumber: record.dynamodb?.SequenceNumber,
      errorName: error instanceof Error ? error.name : 'UnknownError',
      errorMessage: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
}

/**
 * Lambda handler fed by the table's stream (INSERTs of `SESSION#` items). Returns `batchItemFailures` with the
 * SequenceNumber of each record that failed, so the event source mapping retries only from the first failure.
 * A fully failed batch is reported the same way rather than thrown, so the mapping still sees which records failed.
 */
export const handler: DynamoDBStreamHandler = async (event, context) => {
  logger.addContext(context);
  return processPartialResponse(event, recordHandler, processor, { context, throwOnFullBatchFailure: false });
};
