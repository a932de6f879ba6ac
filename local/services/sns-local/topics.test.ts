/** Topics and `lambda` subscriptions with AWS's own client; the Lambda side is a recorder standing in for async invoke. */
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  InvalidParameterException,
  ListSubscriptionsByTopicCommand,
  ListTopicsCommand,
  NotFoundException,
  PublishCommand,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SnsTopicConfig } from '../../stack-description.ts';
import type { SnsLambdaEvent } from './lambda-notification.ts';
import { REGION, startTestSns, type TestSns } from './test-sns.ts';

const FUNCTION = `arn:aws:lambda:${REGION}:000000000000:function:audit`;
const TEMPLATE_TOPIC: SnsTopicConfig = {
  logicalId: 'Events',
  name: 'Stack-Events',
  arn: `arn:aws:sns:${REGION}:000000000000:Stack-Events`,
  subscriptions: [
    { logicalId: 'ToAudit', arn: `arn:aws:sns:${REGION}:000000000000:Stack-Events:11111111-2222-3333-4444-555555555555`, protocol: 'lambda', endpoint: FUNCTION, rawMessageDelivery: false },
    { logicalId: 'ToQueue', arn: `arn:aws:sns:${REGION}:000000000000:Stack-Events:66666666-2222-3333-4444-555555555555`, protocol: 'sqs', endpoint: 'arn:aws:sqs:x', rawMessageDelivery: false },
  ],
};

let t: TestSns;
const delivered: { functionArn: string; event: SnsLambdaEvent }[] = [];
const logged: string[] = [];
let running = true;

beforeAll(async () => {
  t = await startTestSns({
    deliverToLambda: (functionArn, event) => {
      if (running) delivered.push({ functionArn, event });
      return running;
    },
    log: (line) => logged.push(line),
  });
  t.sns.setTemplateTopics([TEMPLATE_TOPIC]);
});
afterAll(() => t?.stop());
beforeEach(() => {
  delivered.length = 0;
  logged.length = 0;
  running = true;
});

describe('publishing to a topic of the template', () => {
  it("delivers to each lambda subscription SNS's Lambda event, after Publish answered", async () => {
    const { MessageId } = await t.client.send(
      new PublishCommand({
        TopicArn: TEMPLATE_TOPIC.arn,
        Message: '{"hello":"world"}',
        Subject: 'Greeting',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'greeting' }, count: { DataType: 'Number', StringValue: '3' } },
      }),
    );
    expect(MessageId).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => delivered.length).toBe(1);
    expect(delivered[0]).toEqual({
      functionArn: FUNCTION,
      event: {
        Records: [
          {
            EventSource: 'aws:sns',
            EventVersion: '1.0',
            EventSubscriptionArn: TEMPLATE_TOPIC.subscriptions[0]!.arn,
            Sns: {
              Type: 'Notification',
              MessageId,
              TopicArn: TEMPLATE_TOPIC.arn,
              Subject: 'Greeting',
              Message: '{"hello":"world"}',
              Timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
              SignatureVersion: '1',
              Signature: expect.stringMatching(/^[A-Za-z0-9+/]{300,}={0,2}$/),
              SigningCertUrl: `https://sns.${REGION}.amazonaws.com/SimpleNotificationService-local.pem`,
              UnsubscribeUrl: `https://sns.${REGION}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${TEMPLATE_TOPIC.subscriptions[0]!.arn}`,
              MessageAttributes: { kind: { Type: 'String', Value: 'greeting' }, count: { Type: 'Number', Value: '3' } },
            },
          },
        ],
      },
    });
    // The sqs subscription is the template's but not served: logged, not delivered.
    expect(logged.some((line) => line.includes('sqs arn:aws:sqs:x: not delivered'))).toBe(true);
  });

  it("gives a lambda subscription the JSON structure's lambda entry, else default; Subject null when none", async () => {
    await t.client.send(new PublishCommand({ TopicArn: TEMPLATE_TOPIC.arn, MessageStructure: 'json', Message: JSON.stringify({ default: 'd', lambda: 'for lambda' }) }));
    await t.client.send(new PublishCommand({ TopicArn: TEMPLATE_TOPIC.arn, MessageStructure: 'json', Message: JSON.stringify({ default: 'only default', sqs: 'q' }) }));
    await expect.poll(() => delivered.length).toBe(2);
    expect(delivered.map(({ event }) => [event.Records[0]!.Sns.Message, event.Records[0]!.Sns.Subject])).toEqual([
      ['for lambda', null],
      ['only default', null],
    ]);
    await expect(t.client.send(new PublishCommand({ TopicArn: TEMPLATE_TOPIC.arn, MessageStructure: 'json', Message: '{"lambda":"x"}' }))).rejects.toThrow(
      'Invalid parameter: Message Structure - No default entry in JSON message body',
    );
  });

  it("refuses what SNS refuses: an unknown topic, a bad subject, an empty or too long message", async () => {
    await expect(t.client.send(new PublishCommand({ TopicArn: `arn:aws:sns:${REGION}:000000000000:nope`, Message: 'm' }))).rejects.toBeInstanceOf(NotFoundException);
    await expect(t.client.send(new PublishCommand({ TopicArn: TEMPLATE_TOPIC.arn, Message: 'm', Subject: 'two\nlines' }))).rejects.toThrow('Invalid parameter: Subject');
    await expect(t.client.send(new PublishCommand({ TopicArn: TEMPLATE_TOPIC.arn, Message: 'm', Subject: 'x'.repeat(100) }))).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(t.client.send(new PublishCommand({ TopicArn: TEMPLATE_TOPIC.arn, Message: '' }))).rejects.toThrow('Invalid parameter: Empty message');
    await expect(t.client.send(new PublishCommand({ TopicArn: TEMPLATE_TOPIC.arn, Message: 'x'.repeat(262_145) }))).rejects.toThrow('Invalid parameter: Message too long');
    expect(delivered).toEqual([]);
  });

  it('logs a delivery to a function that does not run, and still answers Publish', async () => {
    running = false;
    await t.client.send(new PublishCommand({ TopicArn: TEMPLATE_TOPIC.arn, Message: 'lost' }));
    await expect.poll(() => logged.some((line) => line.includes(`lambda ${FUNCTION}: not delivered (the function does not run`))).toBe(true);
  });

  it('publishes in process (for SES event destinations) like a Publish', async () => {
    const messageId = t.sns.publishToTopic({ topicArn: TEMPLATE_TOPIC.arn, message: '{"eventType":"Send"}', subject: 'Amazon SES Email Event Notification' });
    await expect.poll(() => delivered.length).toBe(1);
    expect(delivered[0]!.event.Records[0]!.Sns).toMatchObject({ MessageId: messageId, Message: '{"eventType":"Send"}', Subject: 'Amazon SES Email Event Notification' });
    expect(() => t.sns.publishToTopic({ topicArn: `arn:aws:sns:${REGION}:000000000000:nope`, message: 'm' })).toThrow('Topic does not exist');
  });
});

describe('topics and subscriptions made with the API', () => {
  it('creates topics idempotently, lists them, subscribes a function, and forgets them when deleted', async () => {
    const { TopicArn } = await t.client.send(new CreateTopicCommand({ Name: 'alerts' }));
    expect(TopicArn).toBe(`arn:aws:sns:${REGION}:000000000000:alerts`);
    expect((await t.client.send(new CreateTopicCommand({ Name: 'alerts' }))).TopicArn).toBe(TopicArn);
    expect((await t.client.send(new ListTopicsCommand({}))).Topics).toEqual([{ TopicArn: TEMPLATE_TOPIC.arn }, { TopicArn }]);

    const { SubscriptionArn } = await t.client.send(new SubscribeCommand({ TopicArn, Protocol: 'lambda', Endpoint: FUNCTION }));
    expect(SubscriptionArn).toMatch(new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`));
    expect((await t.client.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions).toEqual([
      { SubscriptionArn, Owner: '000000000000', Protocol: 'lambda', Endpoint: FUNCTION, TopicArn },
    ]);
    await t.client.send(new PublishCommand({ TopicArn, Message: 'to the API topic' }));
    await expect.poll(() => delivered.map(({ event }) => event.Records[0]!.EventSubscriptionArn)).toEqual([SubscriptionArn]);

    await t.client.send(new UnsubscribeCommand({ SubscriptionArn }));
    expect((await t.client.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions).toEqual([]);
    await expect(t.client.send(new UnsubscribeCommand({ SubscriptionArn }))).rejects.toBeInstanceOf(NotFoundException);
    await t.client.send(new DeleteTopicCommand({ TopicArn }));
    await expect(t.client.send(new PublishCommand({ TopicArn, Message: 'm' }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it('refuses invalid names, FIFO topics, other protocols and endpoints that are not Lambda ARNs', async () => {
    await expect(t.client.send(new CreateTopicCommand({ Name: 'bad name' }))).rejects.toThrow('Invalid parameter: Topic Name');
    await expect(t.client.send(new CreateTopicCommand({ Name: 'orders.fifo' }))).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(t.client.send(new SubscribeCommand({ TopicArn: TEMPLATE_TOPIC.arn, Protocol: 'email', Endpoint: 'a@example.com' }))).rejects.toThrow(/lambda subscriptions only/);
    await expect(t.client.send(new SubscribeCommand({ TopicArn: TEMPLATE_TOPIC.arn, Protocol: 'lambda', Endpoint: 'audit' }))).rejects.toThrow('Invalid parameter: Lambda endpoint ARN');
    await expect(t.client.send(new SubscribeCommand({ TopicArn: `arn:aws:sns:${REGION}:000000000000:nope`, Protocol: 'lambda', Endpoint: FUNCTION }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it("replaces the template's topics at a reload and keeps the API's", async () => {
    const { TopicArn } = await t.client.send(new CreateTopicCommand({ Name: 'kept' }));
    t.sns.setTemplateTopics([]);
    expect((await t.client.send(new ListTopicsCommand({}))).Topics).toEqual([{ TopicArn }]);
    t.sns.setTemplateTopics([TEMPLATE_TOPIC]);
    expect((await t.client.send(new ListSubscriptionsByTopicCommand({ TopicArn: TEMPLATE_TOPIC.arn }))).Subscriptions?.map((s) => s.Protocol)).toEqual(['lambda', 'sqs']);
    await t.client.send(new DeleteTopicCommand({ TopicArn }));
  });
});
