import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBRecord } from 'aws-lambda';
import { publishVerifiedEvent } from './publish-event.ts';
import { verifiedEventOf } from './verified-image.ts';
import type { EnvironmentCredentials, PublishConfig, RecordOutcome } from './types.ts';

/** What processVerifiedRecord works with; the handler passes the container's singletons. */
export interface ProcessVerifiedRecordDependencies {
  config: PublishConfig;
  credentials: () => EnvironmentCredentials;
  logger: Logger;
}

/**
 * Publishes the verification event of one stream record (a session that became VERIFIED).
 *
 * At least once: a failed publish throws, the record is reported in batchItemFailures and retried, so a subscriber
 * may see an event twice (same sessionId and verifiedAt, so it can deduplicate) but a verification is not dropped
 * unless the retries are exhausted, in which case the batch's record goes to the dead-letter queue.
 *
 * @example
 * ```ts
 * const outcome = await processVerifiedRecord(record, { config, credentials: () => readCredentials(process.env), logger });
 * ```
 */
export async function processVerifiedRecord(
  record: DynamoDBRecord,
  dependencies: ProcessVerifiedRecordDependencies,
): Promise<RecordOutcome> {
  const { config, credentials, logger } = dependencies;
  const event = verifiedEventOf(record.dynamodb?.NewImage, record.dynamodb?.OldImage);
  if (!event) {
    logger.info('Record skipped', { outcome: 'skipped-not-a-verified-session', eventID: record.eventID });
    return 'skipped-not-a-verified-session';
  }
  const started = Date.now();
  await publishVerifiedEvent(event, config, credentials());
  logger.info('Verification event published', { sessionId: event.sessionId, outcome: 'published', durationMs: Date.now() - started });
  return 'published';
}
