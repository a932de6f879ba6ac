/**
 * SES event publishing and SNS topics inside the local stack (local/fixtures/ses-events/ses-events.template.json): a
 * stack function sends email through a configuration set; SES's events reach the topic the set's destination names,
 * and the topic's subscribed function records them (one log line each). The topics also take AWS's own SNS client
 * and an AppSync HTTP data source posting a form body; a subscriber that always fails is retried, then recorded.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListSubscriptionsByTopicCommand, ListTopicsCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { SNSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AsyncInvocationRecord } from '../../lambda/async-invocations.ts';
import { startLocalStack, type LocalStack } from '../../stack.ts';
import { testDynamoDbLocal } from '../../test-support/dynamodb-local.ts';
import type { SesEventRecord } from './event-records.ts';

const REGION_ARN = (name: string) => `arn:aws:sns:${stack.endpoints.region}:000000000000:${name}`;
let stack: LocalStack;
let stateDir: string;
let sns: SNSClient;
const lines: string[] = [];

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'ses-events-stack-'));
  stack = await startLocalStack({
    template: join(import.meta.dirname, '../../fixtures/ses-events/ses-events.template.json'),
    stateDir,
    dynamodbLocal: testDynamoDbLocal,
    log: (line) => lines.push(line),
  });
  sns = new SNSClient({ endpoint: stack.endpoints.smsUrl, region: stack.endpoints.region, credentials: { ...stack.endpoints.iam }, maxAttempts: 1 });
}, 120_000);
afterAll(async () => {
  sns?.destroy();
  await stack?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

async function mutation(query: string, variables: Record<string, string>): Promise<{ data: Record<string, string | null> | null; errors?: { message: string; errorType: string }[] }> {
  const response = await fetch(stack.endpoints.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': stack.endpoints.apiKey ?? '' },
    body: JSON.stringify({ query, variables }),
  });
  return response.json() as Promise<{ data: Record<string, string | null> | null }>;
}

const sendEmail = (to: string, configurationSet?: string) =>
  mutation('mutation($to: String!, $set: String) { sendEmail(to: $to, configurationSet: $set) }', { to, ...(configurationSet ? { set: configurationSet } : {}) });

/** The SNS events the Recorder function logged, oldest first. */
function recorded(): SNSEvent[] {
  return lines.filter((line) => line.startsWith('[Recorder] RECORDED ')).map((line) => JSON.parse(line.slice('[Recorder] RECORDED '.length)) as SNSEvent);
}

/** The SES event records of one message that reached the Recorder through the event topic. */
function sesEvents(messageId: string): SesEventRecord[] {
  return recorded()
    .map((event) => event.Records[0]!.Sns)
    .filter((message) => message.TopicArn === REGION_ARN('ses-events-EmailEvents'))
    .map((message) => JSON.parse(message.Message) as SesEventRecord)
    .filter((record) => record.mail.messageId === messageId);
}

async function sent(to: string): Promise<string> {
  const answer = await sendEmail(to);
  expect(answer.errors).toBeUndefined();
  return answer.data!.sendEmail!;
}

describe('SES events through the configuration set, its SNS destination and a subscribed function', () => {
  it('bounce@: Send and Bounce reach the subscriber, in SNS\'s Lambda event and SES\'s event JSON', async () => {
    const messageId = await sent('bounce@simulator.amazonses.com');
    await expect.poll(() => sesEvents(messageId).map((record) => record.eventType), { timeout: 20_000 }).toEqual(['Send', 'Bounce']);

    const event = recorded().find((candidate) => candidate.Records[0]!.Sns.Message.includes('"eventType":"Bounce"') && candidate.Records[0]!.Sns.Message.includes(messageId))!;
    expect(event.Records).toHaveLength(1);
    expect(event.Records[0]).toMatchObject({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: expect.stringMatching(new RegExp(`^${REGION_ARN('ses-events-EmailEvents')}:[0-9a-f-]{36}$`)),
      Sns: { Type: 'Notification', TopicArn: REGION_ARN('ses-events-EmailEvents'), Subject: 'Amazon SES Email Event Notification', SignatureVersion: '1', MessageAttributes: {} },
    });
    const [send, bounce] = sesEvents(messageId);
    expect(send).toMatchObject({ eventType: 'Send', send: {} });
    expect(bounce).toMatchObject({
      eventType: 'Bounce',
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [{ emailAddress: 'bounce@simulator.amazonses.com', action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }],
        feedbackId: expect.any(String),
        timestamp: expect.any(String),
      },
      mail: {
        messageId,
        source: 'Fixture <no-reply@fixture.example>',
        sourceArn: `arn:aws:ses:${stack.endpoints.region}:000000000000:identity/no-reply@fixture.example`,
        sendingAccountId: '000000000000',
        destination: ['bounce@simulator.amazonses.com'],
        headersTruncated: false,
        commonHeaders: { from: ['Fixture <no-reply@fixture.example>'], to: ['bounce@simulator.amazonses.com'], subject: '123456 is your Fixture code' },
        // The set's name: its Ref, generated as <StackName>-<LogicalId> since the template gives none.
        tags: { 'ses:configuration-set': ['ses-events-OtpEmails'] },
      },
    });
  });

  it('complaint@: Send, Delivery and Complaint; success@: Send and Delivery', async () => {
    const complained = await sent('complaint+t1@simulator.amazonses.com');
    const delivered = await sent('success@simulator.amazonses.com');
    await expect.poll(() => sesEvents(complained).map((record) => record.eventType), { timeout: 20_000 }).toEqual(['Send', 'Delivery', 'Complaint']);
    await expect.poll(() => sesEvents(delivered).map((record) => record.eventType), { timeout: 20_000 }).toEqual(['Send', 'Delivery']);
    expect(sesEvents(complained)[2]).toMatchObject({ complaint: { complainedRecipients: [{ emailAddress: 'complaint+t1@simulator.amazonses.com' }], complaintFeedbackType: 'abuse' } });
    expect(sesEvents(delivered)[1]).toMatchObject({ delivery: { recipients: ['success@simulator.amazonses.com'], smtpResponse: '250 2.6.0 Message received' } });
  });

  it("refuses a send through a configuration set the stack does not have, as SES does: the function gets the SDK's error", async () => {
    const answer = await sendEmail('success@simulator.amazonses.com', 'no-such-set');
    expect(answer.errors?.[0]).toMatchObject({ errorType: 'Lambda:Unhandled', message: 'Configuration set <no-such-set> does not exist.' });
  });
});

describe("the template's topics with Lambda subscriptions", () => {
  it('are listed with their subscriptions (Subscription resources and a topic\'s own list)', async () => {
    const topics = (await sns.send(new ListTopicsCommand({}))).Topics?.map((topic) => topic.TopicArn);
    expect(topics).toEqual(expect.arrayContaining([REGION_ARN('ses-events-EmailEvents'), REGION_ARN('fixture-notices'), REGION_ARN('fixture-alerts')]));
    const subscriptions = (await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: REGION_ARN('fixture-notices') }))).Subscriptions;
    expect(subscriptions).toEqual([expect.objectContaining({ Protocol: 'lambda', Endpoint: `arn:aws:lambda:${stack.endpoints.region}:000000000000:function:Recorder` })]);
  });

  it("deliver AWS's client's Publish to the subscribed function, with subject and attributes", async () => {
    const { MessageId } = await sns.send(
      new PublishCommand({ TopicArn: REGION_ARN('fixture-notices'), Message: 'from the SDK', Subject: 'Notice', MessageAttributes: { level: { DataType: 'String', StringValue: 'info' } } }),
    );
    await expect.poll(() => recorded().find((event) => event.Records[0]!.Sns.MessageId === MessageId)?.Records[0]!.Sns, { timeout: 20_000 }).toMatchObject({
      TopicArn: REGION_ARN('fixture-notices'),
      Message: 'from the SDK',
      Subject: 'Notice',
      MessageAttributes: { level: { Type: 'String', Value: 'info' } },
    });
  });

  it('deliver what an AppSync HTTP data source publishes as a form body (AWS\'s cdk-appsync-sns pattern)', async () => {
    const answer = await mutation('mutation($m: String!) { publishNotice(message: $m) }', { m: 'from a resolver & a form' });
    expect(answer.errors).toBeUndefined();
    const messageId = answer.data!.publishNotice!;
    await expect.poll(() => recorded().find((event) => event.Records[0]!.Sns.MessageId === messageId)?.Records[0]!.Sns.Message, { timeout: 20_000 }).toBe('from a resolver & a form');
  });

  it('retry a failing subscriber twice, then record the event as discarded under the state folder', async () => {
    const { MessageId } = await sns.send(new PublishCommand({ TopicArn: REGION_ARN('fixture-alerts'), Message: 'disk full' }));
    const file = join(stateDir, 'failed-events', 'async-on-failure.jsonl');
    const records = () => {
      try {
        return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as AsyncInvocationRecord);
      } catch {
        return [];
      }
    };
    await expect.poll(() => records().length, { timeout: 30_000 }).toBe(1);
    expect(lines.filter((line) => line === `[Flaky] FLAKY ${MessageId}`)).toHaveLength(3);
    expect(records()[0]).toMatchObject({
      requestContext: { functionArn: `arn:aws:lambda:${stack.endpoints.region}:000000000000:function:Flaky:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: { Records: [{ EventSource: 'aws:sns', Sns: { MessageId, Message: 'disk full' } }] },
      responseContext: { functionError: 'Unhandled' },
      responsePayload: { errorType: 'Error', errorMessage: 'flaky subscriber refuses disk full' },
    });
  }, 40_000);
});
