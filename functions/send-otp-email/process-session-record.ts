import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SESClient } from '@aws-sdk/client-ses';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBRecord } from 'aws-lambda';
import { renderOtpEmail } from './email-content.ts';
import { drawOtpCode, hashOtpCode } from './otp-code.ts';
import { sendEmail } from './send-email.ts';
import { readSessionImage, reasonToSkip } from './session-image.ts';
import { markEmailed, storeCodeHash } from './session-store.ts';
import type { RecordOutcome, SendOtpEmailConfig } from './types.ts';

/** What processSessionRecord works with; the handler passes the container's singletons. */
export interface ProcessSessionRecordDependencies {
  config: SendOtpEmailConfig;
  dynamoDb: DynamoDBClient;
  ses: SESClient;
  logger: Logger;
  now?: () => Date;
}

/**
 * Emails a code for one stream record of a new session.
 *
 * Steps: skip unless the image is a PENDING session not yet emailed → draw a code → store its HMAC (only while
 * still PENDING and not emailed) → send the email → record `emailedAt` (only while the stored hash is ours).
 *
 * Delivery is at-least-once, and nothing is lost: if this throws after the hash was stored (SES failed, or the
 * container died), the event source mapping retries the record, which draws a NEW code and overwrites the hash.
 * The code of the failed attempt was never delivered, or if SES did deliver it just before a crash, the newer
 * email replaces it; either way the latest email is the one that verifies. The user may get two emails in rare
 * cases, never zero. Reusing the first code instead is impossible: only its hash is stored.
 *
 * Throws (so the record is reported in batchItemFailures) on any error other than a failed condition.
 *
 * @example
 * ```ts
 * const outcome = await processSessionRecord(record, { config, dynamoDb, ses, logger });
 * ```
 */
export async function processSessionRecord(
  record: DynamoDBRecord,
  dependencies: ProcessSessionRecordDependencies,
): Promise<RecordOutcome> {
  const { config, dynamoDb, ses, logger } = dependencies;
  const now = dependencies.now ?? (() => new Date());
  const started = Date.now();
  const session = readSessionImage(record.dynamodb?.NewImage);
  const skip = reasonToSkip(session, Math.floor(now().getTime() / 1000));
  if (skip || !session) {
    const outcome = skip ?? 'skipped-not-a-session';
    logger.info('Record skipped', { sessionId: session?.sessionId, outcome, eventID: record.eventID });
    return outcome;
  }
  const { sessionId, pk } = session;

  const code = drawOtpCode(config.codeLength);
  const codeHash = hashOtpCode(config.hmacSecret, sessionId, code);
  if (!(await storeCodeHash(dynamoDb, { tableName: config.tableName, pk, codeHash }))) {
    const outcome: RecordOutcome = 'skipped-concurrently-emailed-or-gone';
    logger.info('Session no longer needs an email', { sessionId, outcome, durationMs: Date.now() - started });
    return outcome;
  }

  const sendStarted = Date.now();
  const content = renderOtpEmail({ code, ttlSeconds: config.ttlSeconds, subject: config.emailSubject });
  const messageId = await sendEmail(ses, { from: config.senderEmail, to: session.email, content });
  const sesDurationMs = Date.now() - sendStarted;

  const marked = await markEmailed(dynamoDb, {
    tableName: config.tableName,
    pk,
    codeHash,
    emailedAt: now().toISOString(),
  });
  const outcome: RecordOutcome = marked ? 'sent' : 'sent-but-superseded';
  logger.info('Verification email sent', {
    sessionId,
    outcome,
    messageId,
    sesDurationMs,
    durationMs: Date.now() - started,
  });
  return outcome;
}
