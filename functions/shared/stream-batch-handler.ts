import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBRecord, DynamoDBStreamHandler } from 'aws-lambda';

/**
 * A DynamoDB-stream Lambda handler that runs `processRecord` per record and reports partial batch failures
 * (`batchItemFailures` with each failed record's SequenceNumber), so the event source mapping retries only from the
 * first failure. A fully failed batch is reported the same way rather than thrown, so the mapping still sees which
 * records failed. Failures are logged by name and message only: errors reaching here never carry the code.
 *
 * @example
 * export const handler = streamBatchHandler(logger, (record) => processSessionRecord(record, deps));
 */
export function streamBatchHandler(
  logger: Logger,
  processRecord: (record: DynamoDBRecord) => Promise<unknown>,
): DynamoDBStreamHandler {
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  const recordHandler = async (record: DynamoDBRecord): Promise<void> => {
    try {
      await processRecord(record);
    } catch (error) {
      logger.error('Record failed; it will be retried', {
        sessionId: record.dynamodb?.NewImage?.sessionId?.S,
        sequenceNumber: record.dynamodb?.SequenceNumber,
        errorName: error instanceof Error ? error.name : 'UnknownError',
        errorMessage: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  };
  return async (event, context) => {
    logger.addContext(context);
    return processPartialResponse(event, recordHandler, processor, { context, throwOnFullBatchFailure: false });
  };
}
