import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBRecord } from 'aws-lambda';
import { negotiateLocale } from '../../infra/model/index.ts';
import { macOtpCode } from '../send-otp-email/code-mac.ts';
import { settleFailedSend } from '../shared/send-failure.ts';
import { markEmailed as markSent, storeCodeMac } from '../shared/session-store.ts';
import type { CodeWriteTarget } from '../shared/session-writes.ts';
import { drawOtpCode } from '../shared/otp-code.ts';
import { renderOtpSms } from '../shared/messages/index.ts';
import { sendSms } from './send-sms.ts';
import { readSmsSessionImage, reasonToSkipSms } from './session-image.ts';
import type { SendOtpSmsConfig, SmsRecordOutcome } from './types.ts';

export interface ProcessSmsRecordDependencies {
  config: SendOtpSmsConfig;
  dynamoDb: DynamoDBClient;
  kms: KMSClient;
  sns: SNSClient;
  logger: Logger;
  now?: () => Date;
}

/**
 * Texts a code for one stream record of a new SMS session, with the email function's semantics
 * (send-otp-email/process-session-record.ts): draw the code (CSPRNG) → KMS GenerateMac over session id and code →
 * add the MAC to `codes` (only while not yet sent, not undeliverable, below MAX_CODES_PER_SESSION) → SNS Publish →
 * record `smsSentAt` (while that MAC is still there). SNS refusing the number for good (InvalidParameter) removes the
 * code and marks the session undeliverable without a retry; any other SNS failure removes the code and rethrows, so
 * the record is retried (a new code), and after the retries dead-lettered (alarm). KMS failures store and send nothing
 * and rethrow.
 */
export async function processSmsRecord(record: DynamoDBRecord, dependencies: ProcessSmsRecordDependencies): Promise<SmsRecordOutcome> {
  const { config, dynamoDb, kms, sns, logger } = dependencies;
  const now = dependencies.now ?? (() => new Date());
  const started = Date.now();
  const session = readSmsSessionImage(record.dynamodb?.NewImage);
  const nowEpochSeconds = Math.floor(now().getTime() / 1000);
  const skip = reasonToSkipSms(session, nowEpochSeconds);
  if (skip || !session) {
    const outcome = skip ?? 'skipped-not-an-sms-session';
    logger.info('Record skipped', { sessionId: session?.sessionId, outcome, eventID: record.eventID });
    return outcome;
  }
  const { sessionId, pk } = session;
  const code = drawOtpCode(config.codeLength);
  const { mac, keyId } = await macOtpCode(kms, config.codeMacKeyArn, sessionId, code);
  const target: CodeWriteTarget = { tableName: config.tableName, pk, mac, keyId, sentAttribute: 'smsSentAt' };
  if (!(await storeCodeMac(dynamoDb, target, nowEpochSeconds))) {
    logger.info('Session takes no new code', { sessionId, outcome: 'skipped-settled-or-full' });
    return 'skipped-settled-or-full';
  }
  const message = renderOtpSms({ code, locale: negotiateLocale(session.locale), brand: config.brand });
  let messageId: string | undefined;
  try {
    messageId = await sendSms(sns, { phoneNumber: session.phoneNumber, message, senderId: config.senderId, originationNumber: config.originationNumber });
  } catch (error) {
    return settleFailedSend(error, { dynamoDb, logger, target, sessionId, now, channel: { provider: 'SNS', message: 'SMS' } });
  }
  const outcome: SmsRecordOutcome = (await markSent(dynamoDb, target, now().toISOString())) ? 'sent' : 'sent-but-code-gone';
  logger.info('Verification SMS sent', { sessionId, outcome, messageId, durationMs: Date.now() - started });
  return outcome;
}
