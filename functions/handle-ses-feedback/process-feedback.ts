import { ConditionalCheckFailedException, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Logger } from '@aws-lambda-powertools/logger';
import { canonicalMailbox, mailboxDomain } from '../../resolvers/lib/mailbox.ts';
import type { FeedbackConfig } from './config.ts';
import { parseSesEvent, type SesFeedback } from './ses-event.ts';
import { countOnlyRequest, suppressRequest, type SuppressionWrite } from './suppression-writes.ts';

/**
 * Handles one SES event record (an SNS message's text): suppresses the canonical mailbox of every recipient of a
 * hard bounce or a complaint, logs everything else. Invalid messages are logged and dropped (retrying cannot fix
 * them). A DynamoDB error is thrown, so Lambda's asynchronous retries, then the dead-letter queue, take the event.
 * Logs recipients' domains only, never an address.
 */
export async function processFeedback(
  message: string,
  dependencies: { config: FeedbackConfig; dynamoDb: DynamoDBClient; logger: Logger; now?: () => Date },
): Promise<SesFeedback> {
  const { config, dynamoDb, logger } = dependencies;
  const now = (dependencies.now ?? (() => new Date()))();
  const feedback = parseSesEvent(message);
  if (feedback.kind === 'invalid') {
    logger.warn('Ignored a message that is not an SES event record', { problem: feedback.problem });
    return feedback;
  }
  if (feedback.kind === 'observe') {
    logger.info('SES event', { eventType: feedback.eventType, detail: feedback.detail, recipientCount: feedback.recipientCount, messageId: feedback.messageId });
    return feedback;
  }
  const mailboxes = [...new Set(feedback.recipients.map((address) => canonicalMailbox(address.trim().toLowerCase())))];
  for (const mailbox of mailboxes) {
    const write: SuppressionWrite = {
      tableName: config.tableName,
      mailbox,
      reason: feedback.reason,
      detail: feedback.detail,
      at: now.toISOString(),
      expiresAt: feedback.reason === 'Bounce' ? Math.floor(now.getTime() / 1000) + config.suppressionPeriodSeconds : undefined,
    };
    try {
      await dynamoDb.send(new UpdateItemCommand(suppressRequest(write)));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      await dynamoDb.send(new UpdateItemCommand(countOnlyRequest(write)));
    }
  }
  logger.info('Mailboxes suppressed', {
    eventType: feedback.reason,
    detail: feedback.detail,
    recipientDomains: [...new Set(mailboxes.map(mailboxDomain))],
    mailboxCount: mailboxes.length,
    messageId: feedback.messageId,
  });
  return feedback;
}
