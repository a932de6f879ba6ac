/**
 * The account's SNS topics and their subscriptions: the template's (replaced as a whole at every read of the stack,
 * so a hot reload adds and removes them) and those made with CreateTopic / Subscribe (kept until deleted). Topic ARNs
 * are `arn:aws:sns:<region>:<account>:<name>`; subscription ARNs `<topic ARN>:<UUID>`, as on AWS.
 */
import { randomUUID } from 'node:crypto';
import type { SnsTopicConfig } from '../../stack-description.ts';

export interface Topic {
  arn: string;
  name: string;
  /** Declared by the template (else made with CreateTopic). */
  fromTemplate: boolean;
}

export interface Subscription {
  arn: string;
  topicArn: string;
  /** Lower case: `lambda`, `sqs`, `https`…; only `lambda` is delivered to locally. */
  protocol: string;
  /** For `lambda`, the function's ARN. */
  endpoint: string;
  rawMessageDelivery: boolean;
  fromTemplate: boolean;
}

export class TopicRegistry {
  private readonly byArn = new Map<string, Topic>();
  private readonly subscriptionsByArn = new Map<string, Subscription>();

  constructor(
    private readonly region: string,
    private readonly accountId: string,
  ) {}

  /** The ARN a topic named `name` has in this account and region. */
  arnOf(name: string): string {
    return `arn:aws:sns:${this.region}:${this.accountId}:${name}`;
  }

  /**
   * Makes the template's topics and subscriptions exactly `configs`: template ones no longer declared go (with the
   * subscriptions of topics that go), API-made ones stay.
   */
  setTemplateTopics(configs: readonly SnsTopicConfig[]): void {
    for (const topic of [...this.byArn.values()]) if (topic.fromTemplate) this.byArn.delete(topic.arn);
    for (const subscription of [...this.subscriptionsByArn.values()]) if (subscription.fromTemplate) this.subscriptionsByArn.delete(subscription.arn);
    for (const config of configs) {
      this.byArn.set(config.arn, { arn: config.arn, name: config.name, fromTemplate: true });
      for (const subscription of config.subscriptions) {
        const { arn, protocol, endpoint, rawMessageDelivery } = subscription;
        this.subscriptionsByArn.set(arn, { arn, topicArn: config.arn, protocol, endpoint, rawMessageDelivery, fromTemplate: true });
      }
    }
    for (const subscription of [...this.subscriptionsByArn.values()]) {
      if (!this.byArn.has(subscription.topicArn)) this.subscriptionsByArn.delete(subscription.arn);
    }
  }

  /** CreateTopic: the existing topic of that name, or a new one. */
  createTopic(name: string): Topic {
    const arn = this.arnOf(name);
    const existing = this.byArn.get(arn);
    if (existing) return existing;
    const topic = { arn, name, fromTemplate: false };
    this.byArn.set(arn, topic);
    return topic;
  }

  /** DeleteTopic: the topic and its subscriptions (a topic that does not exist: nothing happens, as in SNS). */
  deleteTopic(arn: string): void {
    this.byArn.delete(arn);
    for (const subscription of this.subscriptionsOf(arn)) this.subscriptionsByArn.delete(subscription.arn);
  }

  topic(arn: string): Topic | undefined {
    return this.byArn.get(arn);
  }

  /** In creation order. */
  topics(): Topic[] {
    return [...this.byArn.values()];
  }

  /** Subscribe: the existing subscription for the same topic, protocol and endpoint, or a new one. */
  subscribe(topicArn: string, protocol: string, endpoint: string): Subscription {
    const existing = this.subscriptionsOf(topicArn).find((candidate) => candidate.protocol === protocol && candidate.endpoint === endpoint);
    if (existing) return existing;
    const subscription = { arn: `${topicArn}:${randomUUID()}`, topicArn, protocol, endpoint, rawMessageDelivery: false, fromTemplate: false };
    this.subscriptionsByArn.set(subscription.arn, subscription);
    return subscription;
  }

  /** @returns false when there is no such subscription. */
  unsubscribe(arn: string): boolean {
    return this.subscriptionsByArn.delete(arn);
  }

  subscriptionsOf(topicArn: string): Subscription[] {
    return this.subscriptions().filter((subscription) => subscription.topicArn === topicArn);
  }

  /** In creation order. */
  subscriptions(): Subscription[] {
    return [...this.subscriptionsByArn.values()];
  }
}
