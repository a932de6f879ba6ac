import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { SESClient } from '@aws-sdk/client-ses';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBRecord } from 'aws-lambda';
import { macOtpCode } from './code-mac.ts';
import { negotiateLocale } from '../../infra/model/index.ts';
import { renderOtpEmail } from '../shared/messages/index.ts';
import { senderAddress } from './sender-address.ts';
import { drawOtpCode } from './otp-code.ts';
import { sendEmail } from './send-email.ts';
import { settleFailedSend } from '../shared/send-failure.ts';
import { readSessionImage, reasonToSkip } from './session-image.ts';
import { markEmailed, storeCodeMac } from '../shared/session-store.ts';
import { isSuppressed, markSuppressed } from './suppression.ts';
import { canonicalMailbox } from '../../resolvers/lib/mailbox.ts';
import type { RecordOutcome, SendOtpEmailConfig } from './types.ts';

/** What processSessionRecord works with; the handler passes the container's singletons. */
export interface ProcessSessionRecordDependencies {
  config: SendOtpEmailConfig;
  dynamoDb: DynamoDBClient;
  kms: KMSClient;
  ses: SESClient;
  logger: Logger;
  now?: () => Date;
}

/**
 * Emails a code for one stream record of a new session.
 *
 * Steps: skip unless the image is a PENDING session not yet emailed → draw a code → have KMS make its MAC
 * (GenerateMac; the key never leaves KMS) → add the MAC and the key's ARN to the session's `codes` (only while still
 * PENDING, not emailed, not undeliverable and below MAX_CODES_PER_SESSION codes) → send the email → record
 * `emailedAt` (only while that MAC is still in `codes`). The MAC is stored before the email is sent, so no email
 * ever carries a code that could not verify.
 *
 * Delivery is at-least-once, and a redelivered record never silently invalidates a code the user already received,
 * because a code is added beside the others, never written over them:
 * - redelivered after the email was recorded (`emailedAt` set): the add's condition fails and the record is skipped,
 *   so the user gets one email and its code keeps verifying;
 * - redelivered after an unknown outcome (the container crashed or timed out after SES may have accepted the
 *   email, before `emailedAt`): a second code is added beside the first and emailed; both verify, so whichever email
 *   the user reads works. MAX_CODES_PER_SESSION bounds how many codes a session can collect this way;
 * - SES refused the email for good (MessageRejected, …): the code is removed, `undeliverableAt` and
 *   `undeliverableReason` are recorded, and the record returns 'undeliverable' without being retried;
 * - SES failed otherwise (after the client's retries): the code is removed, since it was never delivered, and the
 *   error is rethrown so the event source mapping retries the record, which draws a new code.
 * - KMS did not make the MAC (throttled after the client's retries, the key disabled, access denied, an outage):
 *   nothing is stored or sent, and the error is rethrown (CodeMacError) so the record is retried.
 * Reusing a code across attempts is impossible: only its MAC is stored.
 *
 * Throws (so the record is reported in batchItemFailures) on a KMS failure, on a transient SES failure and on any
 * DynamoDB error other than a failed condition.
 *
 * @example
 * ```ts
 * const outcome = await processSessionRecord(record, { config, dynamoDb, kms, ses, logger });
 * ```
 */
export async function processSessionRecord(
  record: DynamoDBRecord,
  dependencies: ProcessSessionRecordDependencies,
): Promise<RecordOutcome> {
  const { config, dynamoDb, kms, ses, logger } = dependencies;
  const now = dependencies.now ?? (() => new Date());
  const started = Date.now();
  const session = readSessionImage(record.dynamodb?.NewImage);
  const nowEpochSeconds = Math.floor(now().getTime() / 1000);
  const skip = reasonToSkip(session, nowEpochSeconds);
  if (skip || !session) {
    const outcome = skip ?? 'skipped-not-a-session';
    logger.info('Record skipped', { sessionId: session?.sessionId, outcome, eventID: record.eventID });
    return outcome;
  }
  const { sessionId, pk } = session;

  // A mailbox SES reported as a hard bounce or a complaint gets nothing: no code is drawn, and the session is marked
  // undeliverable as for a permanent SES refusal. generateOtp answered the caller as for any address (no enumeration).
  if (await isSuppressed(dynamoDb, config.tableName, session.mailbox ?? canonicalMailbox(session.email), nowEpochSeconds)) {
    const marked = await markSuppressed(dynamoDb, config.tableName, pk, now().toISOString());
    const outcome: RecordOutcome = marked ? 'suppressed' : 'skipped-settled-or-full';
    logger.info('Mailbox suppressed; nothing sent', { sessionId, outcome, durationMs: Date.now() - started });
    return outcome;
  }

  const code = drawOtpCode(config.codeLength);
  const { mac, keyId } = await macOtpCode(kms, config.codeMacKeyArn, sessionId, code);
  const target = { tableName: config.tableName, pk, mac, keyId };
  if (!(await storeCodeMac(dynamoDb, target, nowEpochSeconds))) {
    const outcome: RecordOutcome = 'skipped-settled-or-full';
    logger.info('Session takes no new code', { sessionId, outcome, durationMs: Date.now() - started });
    return outcome;
  }

  const sendStarted = Date.now();
  const content = renderOtpEmail({ code, ttlSeconds: config.ttlSeconds, locale: negotiateLocale(session.locale), brand: config.brand });
  let messageId: string | undefined;
  try {
    messageId = await sendEmail(ses, { from: senderAddress(config.senderEmail, config.brand.senderName), to: session.email, content, configurationSetName: config.configurationSetName });
  } catch (error) {
    return settleFailedSend(error, { dynamoDb, logger, target, sessionId, now, channel: { provider: 'SES', message: 'email' } });
  }
  const sesDurationMs = Date.now() - sendStarted;

  const marked = await markEmailed(dynamoDb, target, now().toISOString());
  const outcome: RecordOutcome = marked ? 'sent' : 'sent-but-code-gone';
  logger.info('Verification email sent', {
    sessionId,
    outcome,
    messageId,
    sesDurationMs,
    durationMs: Date.now() - started,
  });
  return outcome;
}
