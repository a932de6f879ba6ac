/**
 * Subscribe, Unsubscribe, ListSubscriptionsByTopic and ListSubscriptions. The local SNS delivers to `lambda`
 * subscriptions only, so Subscribe refuses other protocols rather than accept what it would never deliver; the
 * template's subscriptions of other protocols are listed (and logged at delivery).
 */
import { invalidParameter, SnsError } from '../errors.ts';
import { page } from '../pagination.ts';
import { param } from '../query-input.ts';
import type { Subscription } from '../topics.ts';
import { element } from '../xml.ts';
import type { Operation } from './types.ts';

const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9$_-]+)?$/;

export const subscribe: Operation = (input, { topics }) => {
  const topicArn = param(input, 'TopicArn');
  const protocol = param(input, 'Protocol');
  if (topicArn === undefined) throw invalidParameter('Invalid parameter: TopicArn');
  if (protocol === undefined) throw invalidParameter('Invalid parameter: Protocol');
  if (!topics.topic(topicArn)) throw new SnsError('NotFound', 'Topic does not exist', 404);
  if (protocol !== 'lambda') {
    throw invalidParameter(`Invalid parameter: Protocol Reason: the local SNS delivers to lambda subscriptions only, not ${protocol}`);
  }
  const endpoint = param(input, 'Endpoint') ?? '';
  if (!LAMBDA_ARN.test(endpoint)) throw invalidParameter('Invalid parameter: Lambda endpoint ARN');
  // A lambda subscription needs no confirmation, so its ARN is answered whatever ReturnSubscriptionArn says.
  return element('SubscriptionArn', topics.subscribe(topicArn, protocol, endpoint).arn);
};

export const unsubscribe: Operation = (input, { topics }) => {
  if (!topics.unsubscribe(param(input, 'SubscriptionArn') ?? '')) throw new SnsError('NotFound', 'Subscription does not exist', 404);
  return '';
};

export const listSubscriptionsByTopic: Operation = (input, { topics }) => {
  const topicArn = param(input, 'TopicArn') ?? '';
  if (!topics.topic(topicArn)) throw new SnsError('NotFound', 'Topic does not exist', 404);
  return subscriptionList(topics.subscriptionsOf(topicArn), param(input, 'NextToken'));
};

export const listSubscriptions: Operation = (input, { topics }) => subscriptionList(topics.subscriptions(), param(input, 'NextToken'));

function subscriptionList(subscriptions: readonly Subscription[], token: string | undefined): string {
  const { items, next } = page(subscriptions, token, 'NextToken');
  const members = items.map(
    (subscription) =>
      '<member>' +
      element('SubscriptionArn', subscription.arn) +
      element('Owner', subscription.topicArn.split(':')[4] ?? '') +
      element('Protocol', subscription.protocol) +
      element('Endpoint', subscription.endpoint) +
      element('TopicArn', subscription.topicArn) +
      '</member>',
  );
  return `<Subscriptions>${members.join('')}</Subscriptions>${next ? element('NextToken', next) : ''}`;
}
