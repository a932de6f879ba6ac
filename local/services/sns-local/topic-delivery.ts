/**
 * Delivers a topic's message to its subscriptions, after Publish has answered (SNS delivers asynchronously). `lambda`
 * subscriptions invoke the function asynchronously (Lambda's Event invocation, which retries and records failures);
 * other protocols are not served locally and are only logged.
 */
import { lambdaEvent, type SnsLambdaEvent } from './lambda-notification.ts';
import type { TopicMessage } from './topic-message.ts';
import type { TopicRegistry } from './topics.ts';

/** Hands an event to Lambda's asynchronous invocation; false when the function does not run (nothing was queued). */
export type LambdaDelivery = (functionArn: string, event: SnsLambdaEvent) => boolean;

export interface TopicDeliveryOptions {
  topics: TopicRegistry;
  region: string;
  deliverToLambda?: LambdaDelivery;
  log?: (line: string) => void;
}

/** Delivers `message` to every subscription its topic has now, on the next turn of the event loop. */
export function deliverTopicMessage(message: TopicMessage, options: TopicDeliveryOptions): void {
  const subscriptions = options.topics.subscriptionsOf(message.topicArn);
  setImmediate(() => {
    for (const subscription of subscriptions) {
      const where = `SNS ${message.topicArn} message ${message.messageId} → ${subscription.protocol} ${subscription.endpoint}`;
      if (subscription.protocol !== 'lambda') {
        options.log?.(`${where}: not delivered (the local SNS delivers to lambda subscriptions only)`);
      } else if (!options.deliverToLambda?.(subscription.endpoint, lambdaEvent(message, subscription, options.region))) {
        // On AWS, SNS would retry the delivery per its delivery policy, then drop the message.
        options.log?.(`${where}: not delivered (the function does not run in the local stack)`);
      }
    }
  });
}
