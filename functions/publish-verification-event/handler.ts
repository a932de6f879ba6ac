import { streamBatchHandler } from '../shared/stream-batch-handler.ts';
import { readConfig, readCredentials } from './config.ts';
import { logger } from './logger.ts';
import { processVerifiedRecord } from './process-verified-record.ts';

// Read once per container: a misconfigured function fails at cold start with the variable's name.
const config = readConfig(process.env);

/**
 * Lambda handler fed by the table's stream (MODIFY of `SESSION#` items from PENDING to VERIFIED): publishes
 * `publishOtpVerified` for each.
 */
export const handler = streamBatchHandler(logger, (record) =>
  processVerifiedRecord(record, { config, credentials: () => readCredentials(process.env), logger }),
);
