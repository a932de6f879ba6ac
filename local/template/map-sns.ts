/**
 * AWS::SNS::Topic and AWS::SNS::Subscription → {@link SnsTopicConfig}: the topics the local SNS serves, each with its
 * subscriptions (the Subscription resources pointing at it, then the topic's own `Subscription` list). A subscription
 * to a topic the template does not create (another stack's or account's) is left out: nothing local publishes there.
 * AWS::Lambda::Permission (what lets SNS invoke a function on AWS) is not read: the local SNS invokes any function of
 * the stack it is subscribed to.
 */
import { createHash } from 'node:crypto';
import type { SnsSubscriptionConfig, SnsTopicConfig } from '../stack-description.ts';
import { evaluate, evaluateString } from './intrinsics.ts';
import type { StackScope } from './stack-scope.ts';
import type { NamedResource } from './template-types.ts';

export function toSnsTopicConfigs(scope: StackScope): SnsTopicConfig[] {
  const topics = scope.resources.filter((resource) => resource.Type === 'AWS::SNS::Topic');
  const subscriptions = scope.resources.filter((resource) => resource.Type === 'AWS::SNS::Subscription');
  return topics.map((topic) => {
    const arn = evaluateString({ Ref: topic.logicalId }, scope, topic.logicalId);
    const own = subscriptions
      .filter((subscription) => evaluate(subscription.Properties?.TopicArn, scope) === arn)
      .map((subscription) => subscriptionResource(subscription, scope));
    return {
      logicalId: topic.logicalId,
      name: evaluateString({ 'Fn::GetAtt': [topic.logicalId, 'TopicName'] }, scope, `${topic.logicalId}.TopicName`),
      arn,
      subscriptions: [...own, ...inlineSubscriptions(topic, arn, scope)],
    };
  });
}

function subscriptionResource(resource: NamedResource, scope: StackScope): SnsSubscriptionConfig {
  const properties = resource.Properties ?? {};
  const at = (name: string) => `${resource.logicalId}.${name}`;
  const filterPolicy = evaluate(properties.FilterPolicy, scope);
  const raw = evaluate(properties.RawMessageDelivery, scope);
  return {
    logicalId: resource.logicalId,
    arn: evaluateString({ Ref: resource.logicalId }, scope, resource.logicalId),
    protocol: evaluateString(properties.Protocol, scope, at('Protocol')).toLowerCase(),
    endpoint: evaluateString(properties.Endpoint, scope, at('Endpoint')),
    // CloudFormation takes the boolean or its string form.
    rawMessageDelivery: raw === true || raw === 'true',
    ...(filterPolicy === undefined ? {} : { filterPolicy }),
  };
}

/** A topic's `Subscription: [{ Endpoint, Protocol }]`; their ARNs are digests of the topic and index, as stable. */
function inlineSubscriptions(topic: NamedResource, topicArn: string, scope: StackScope): SnsSubscriptionConfig[] {
  const list = evaluate(topic.Properties?.Subscription, scope);
  if (!Array.isArray(list)) return [];
  return list.map((entry: unknown, index) => {
    const logicalId = `${topic.logicalId}.Subscription.${index}`;
    const item = (entry ?? {}) as Record<string, unknown>;
    return {
      logicalId,
      arn: `${topicArn}:${uuidOf(`${scope.pseudo.stackName}/${logicalId}`)}`,
      protocol: evaluateString(item.Protocol, scope, `${logicalId}.Protocol`).toLowerCase(),
      endpoint: evaluateString(item.Endpoint, scope, `${logicalId}.Endpoint`),
      rawMessageDelivery: false,
    };
  });
}

/** A UUID-shaped digest (SNS's subscription ids are UUIDs). */
function uuidOf(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
