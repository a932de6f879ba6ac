import { streamBatchHandler } from '../shared/stream-batch-handler.ts';
import { dynamoDbClient, kmsClient, snsClient } from './clients.ts';
import { readSmsConfig } from './config.ts';
import { logger } from './logger.ts';
import { processSmsRecord } from './process-sms-record.ts';

// Read once per container: a misconfigured function fails at cold start with the variable's name.
const config = readSmsConfig(process.env);

/** Lambda handler fed by the table's stream (INSERTs of SMS sessions): texts each new session its code. */
export const handler = streamBatchHandler(logger, (record) =>
  processSmsRecord(record, { config, dynamoDb: dynamoDbClient, kms: kmsClient, sns: snsClient, logger }),
);
