/**
 * The event SNS invokes a subscribed Lambda function with: one record per message, `EventSource: aws:sns`, the message
 * in `Sns` (docs.aws.amazon.com/lambda/latest/dg/with-sns.html). `Signature` is random bytes and the certificate and
 * unsubscribe URLs name AWS's host, where nothing answers for the local SNS: a function that verifies SNS signatures
 * cannot verify local ones.
 */
import { randomBytes } from 'node:crypto';
import type { SNSEventRecord, SNSMessage } from 'aws-lambda';
import { messageFor, type TopicMessage } from './topic-message.ts';
import type { Subscription } from './topics.ts';

/** `Subject` is null, not absent, when the publisher gave none, as in the events SNS sends. */
export type SnsLambdaMessage = Omit<SNSMessage, 'Subject'> & { Subject: string | null };
export type SnsLambdaRecord = Omit<SNSEventRecord, 'Sns'> & { Sns: SnsLambdaMessage };
export interface SnsLambdaEvent {
  Records: SnsLambdaRecord[];
}

export function lambdaEvent(message: TopicMessage, subscription: Subscription, region: string): SnsLambdaEvent {
  const host = `https://sns.${region}.amazonaws.com`;
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: subscription.arn,
        Sns: {
          Type: 'Notification',
          MessageId: message.messageId,
          TopicArn: message.topicArn,
          Subject: message.subject,
          Message: messageFor(message, 'lambda'),
          Timestamp: message.timestamp,
          SignatureVersion: '1',
          Signature: randomBytes(256).toString('base64'),
          SigningCertUrl: `${host}/SimpleNotificationService-local.pem`,
          UnsubscribeUrl: `${host}/?Action=Unsubscribe&SubscriptionArn=${subscription.arn}`,
          MessageAttributes: Object.fromEntries(
            Object.entries(message.attributes).map(([name, attribute]) => [name, { Type: attribute.dataType, Value: attribute.value }]),
          ),
        },
      },
    ],
  };
}
