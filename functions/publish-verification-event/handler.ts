import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { DynamoDBRecord, DynamoDBStreamHandler } from 'aws-lambda';
import { readConfig, readCredentials } from './config.ts';
import { logger } from './logger.ts';
import { processVerifiedRecord } from './process-verified-record.ts';

// Read once per container: a misconfigured function fails at cold start with the variable's name.
const config = readConfig(process.env);
const processor = new BatchProcessor(EventType.DynamoDBStreams);

async function recordHandler(record: DynamoDBRecord): Promise<void> {
  try {
    await processVerifiedRecord(record, { config, credentials: () => readCredentials(process.env), logger });
  } catch (error) {
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
 * Lambda handler fed by the table's stream (MODIFY of `SESSION#` items whose new status is VERIFIED): publishes
 * `publishOtpVerified` for each. Returns `batchItemFailures` with the SequenceNumber of each failed record, so the
 * event source mapping retries from the first failure.
 */
export const handler: DynamoDBStreamHandler = async (event, context) => {
  logger.addContext(context);
  return processPartialResponse(event, recordHandler, processor, { context, throwOnFullBatchFailure: false });
};
