import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SNSHandler } from 'aws-lambda';
import { readConfig } from './config.ts';
import { logger } from './logger.ts';
import { processFeedback } from './process-feedback.ts';

const config = readConfig(process.env);
const dynamoDb = new DynamoDBClient({});

/**
 * Lambda handler subscribed to the SES configuration set's event topic. SNS invokes it asynchronously with one record
 * per message; a failed write throws, so Lambda retries the event twice and then sends it to the dead-letter queue.
 */
export const handler: SNSHandler = async (event, context) => {
  logger.addContext(context);
  for (const record of event.Records) {
    await processFeedback(record.Sns.Message, { config, dynamoDb, logger });
  }
};
