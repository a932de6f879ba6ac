/**
 * Configuration sets and event publishing in the local SES, with AWS's own SES v1 client (and, since
 * `@aws-sdk/client-sesv2` is not a dependency, SES v2 requests as that client sends them). The SNS side is a recorder
 * standing in for the local SNS's in-process publish.
 */
import { ConfigurationSetDoesNotExistException, SendEmailCommand, SendRawEmailCommand, SESClient } from '@aws-sdk/client-ses';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SesConfigurationSetConfig } from '../../stack-description.ts';
import { startSesLocal, type SesLocal } from '../ses-local.ts';
import type { SesEventRecord } from './event-records.ts';
import { EVENT_NOTIFICATION_SUBJECT } from './event-publishing.ts';

const TOPIC = 'arn:aws:sns:eu-west-1:000000000000:ses-events';
const OTHER_TOPIC = 'arn:aws:sns:eu-west-1:000000000000:deliveries';
const SETS: SesConfigurationSetConfig[] = [
  {
    logicalId: 'Otp',
    name: 'otp',
    eventDestinations: [
      { logicalId: 'ToTopic', name: 'to-topic', enabled: true, matchingEventTypes: ['send', 'reject', 'bounce', 'complaint', 'delivery'], destination: { type: 'sns', topicArn: TOPIC } },
      { logicalId: 'Off', name: 'off', enabled: false, matchingEventTypes: ['send', 'delivery'], destination: { type: 'sns', topicArn: OTHER_TOPIC } },
      { logicalId: 'Deliveries', name: 'deliveries', enabled: true, matchingEventTypes: ['DELIVERY'], destination: { type: 'sns', topicArn: OTHER_TOPIC } },
      { logicalId: 'Metrics', name: 'metrics', enabled: true, matchingEventTypes: ['bounce'], destination: { type: 'cloudwatch' } },
    ],
  },
];

let ses: SesLocal;
let client: SESClient;
const published: { topicArn: string; record: SesEventRecord; subject: string }[] = [];
const logged: string[] = [];

beforeAll(async () => {
  ses = await startSesLocal({ region: 'eu-west-1', log: (line) => logged.push(line) });
  ses.setConfigurationSets(SETS, ({ topicArn, message, subject }) => {
    published.push({ topicArn, record: JSON.parse(message) as SesEventRecord, subject });
    return `sns-${published.length}`;
  });
  client = new SESClient({ endpoint: ses.url, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
});
afterAll(async () => {
  client?.destroy();
  await ses?.stop();
});
beforeEach(() => {
  published.length = 0;
  logged.length = 0;
});

const send = (to: string, configurationSetName?: string) =>
  client.send(
    new SendEmailCommand({
      Source: 'Acme <no-reply@acme.example>',
      Destination: { ToAddresses: [to] },
      Message: { Subject: { Data: '123456 is your Acme code' }, Body: { Text: { Data: 'hello' } } },
      ...(configurationSetName ? { ConfigurationSetName: configurationSetName } : {}),
    }),
  );

describe('a send through a configuration set', () => {
  it("publishes Send and Bounce for bounce@, as SES's SNS event records, to the matching destinations", async () => {
    const { MessageId } = await send('bounce+t1@simulator.amazonses.com', 'otp');
    expect(published.map(({ topicArn, record }) => [topicArn, record.eventType])).toEqual([
      [TOPIC, 'Send'],
      [TOPIC, 'Bounce'],
    ]);
    expect(published.every(({ subject }) => subject === EVENT_NOTIFICATION_SUBJECT)).toBe(true);
    const [sent, bounced] = published.map(({ record }) => record);
    const mail = {
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      source: 'Acme <no-reply@acme.example>',
      sourceArn: 'arn:aws:ses:eu-west-1:000000000000:identity/no-reply@acme.example',
      sendingAccountId: '000000000000',
      messageId: MessageId,
      destination: ['bounce+t1@simulator.amazonses.com'],
      headersTruncated: false,
      headers: [
        { name: 'From', value: 'Acme <no-reply@acme.example>' },
        { name: 'To', value: 'bounce+t1@simulator.amazonses.com' },
        { name: 'Subject', value: '123456 is your Acme code' },
        { name: 'MIME-Version', value: '1.0' },
        { name: 'Content-Type', value: 'text/plain; charset=UTF-8' },
      ],
      commonHeaders: { from: ['Acme <no-reply@acme.example>'], to: ['bounce+t1@simulator.amazonses.com'], messageId: MessageId, subject: '123456 is your Acme code' },
      tags: { 'ses:configuration-set': ['otp'], 'ses:source-ip': ['127.0.0.1'], 'ses:from-domain': ['acme.example'] },
    };
    expect(sent).toEqual({ eventType: 'Send', mail, send: {} });
    expect(bounced).toEqual({
      eventType: 'Bounce',
      mail,
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [{ emailAddress: 'bounce+t1@simulator.amazonses.com', action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }],
        timestamp: expect.stringMatching(/Z$/),
        feedbackId: expect.stringMatching(/^[0-9a-f]{16}-[0-9a-f-]{36}-000000$/),
        reportingMTA: expect.stringMatching(/^dsn; /),
      },
    });
    // The CloudWatch destination matches the Bounce but does not run locally.
    expect(logged).toEqual([expect.stringContaining('cloudwatch destinations do not run locally')]);
  });

  it('publishes Delivery to every enabled destination that matches it, and Complaint for complaint@', async () => {
    await send('success@simulator.amazonses.com', 'otp');
    expect(published.map(({ topicArn, record }) => [topicArn, record.eventType])).toEqual([
      [TOPIC, 'Send'],
      [TOPIC, 'Delivery'],
      [OTHER_TOPIC, 'Delivery'],
    ]);
    published.length = 0;
    await send('complaint@simulator.amazonses.com', 'otp');
    expect(published.filter(({ topicArn }) => topicArn === TOPIC).map(({ record }) => record.eventType)).toEqual(['Send', 'Delivery', 'Complaint']);
    expect(published.at(-1)?.record).toMatchObject({
      eventType: 'Complaint',
      complaint: { complainedRecipients: [{ emailAddress: 'complaint@simulator.amazonses.com' }], complaintFeedbackType: 'abuse', userAgent: 'Amazon SES Mailbox Simulator' },
    });
  });

  it('takes the set from the X-SES-CONFIGURATION-SET header of a raw message', async () => {
    const raw = 'From: no-reply@acme.example\r\nTo: suppressionlist@simulator.amazonses.com\r\nSubject: s\r\nX-SES-CONFIGURATION-SET: otp\r\n\r\nbody';
    await client.send(new SendRawEmailCommand({ RawMessage: { Data: Buffer.from(raw) } }));
    expect(published.map(({ record }) => record.eventType)).toEqual(['Send', 'Bounce']);
    expect(published[1]?.record).toMatchObject({ bounce: { bounceSubType: 'OnAccountSuppressionList', bouncedRecipients: [{ emailAddress: 'suppressionlist@simulator.amazonses.com' }] } });
  });

  it('publishes nothing for a send without a configuration set', async () => {
    await send('bounce@simulator.amazonses.com');
    expect(published).toEqual([]);
  });
});

describe('a send naming a configuration set that does not exist', () => {
  it('is refused with ConfigurationSetDoesNotExist (v1), and nothing is stored or published', async () => {
    const subject = `unknown set ${Date.now()}`;
    const refused = client.send(
      new SendEmailCommand({ Source: 'no-reply@acme.example', Destination: { ToAddresses: ['a@example.com'] }, Message: { Subject: { Data: subject }, Body: { Text: { Data: 'x' } } }, ConfigurationSetName: 'nope' }),
    );
    await expect(refused).rejects.toBeInstanceOf(ConfigurationSetDoesNotExistException);
    await expect(refused).rejects.toMatchObject({ ConfigurationSetName: 'nope', message: 'Configuration set <nope> does not exist.', $metadata: { httpStatusCode: 400 } });
    const store = (await (await fetch(`${ses.url}/store`)).json()) as { emails: { subject: string }[] };
    expect(store.emails.map((email) => email.subject)).not.toContain(subject);
    expect(published).toEqual([]);
  });

  it('is refused with NotFoundException (v2, HTTP 404)', async () => {
    const answer = await fetch(`${ses.url}/v2/email/outbound-emails`, {
      method: 'POST',
      // aws-ses-v2-local wants an AWS signature's shape only; the v2 client would sign this request.
      headers: { 'content-type': 'application/json', authorization: 'AWS4-HMAC-SHA256 Credential=local/20250101/eu-west-1/ses/aws4_request, SignedHeaders=host, Signature=0' },
      body: JSON.stringify({
        FromEmailAddress: 'no-reply@acme.example',
        Destination: { ToAddresses: ['a@example.com'] },
        ConfigurationSetName: 'nope',
        Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } },
      }),
    });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('x-amzn-errortype')).toBe('NotFoundException');
    expect(await answer.json()).toEqual({ message: 'Configuration set <nope> does not exist.' });
  });

  it('publishes v2 sends through an existing set', async () => {
    const answer = await fetch(`${ses.url}/v2/email/outbound-emails`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'AWS4-HMAC-SHA256 Credential=local/20250101/eu-west-1/ses/aws4_request, SignedHeaders=host, Signature=0' },
      body: JSON.stringify({
        FromEmailAddress: 'no-reply@acme.example',
        Destination: { ToAddresses: ['bounce@simulator.amazonses.com'] },
        ConfigurationSetName: 'otp',
        Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } },
      }),
    });
    const { MessageId } = (await answer.json()) as { MessageId: string };
    expect(published.filter(({ topicArn }) => topicArn === TOPIC).map(({ record }) => [record.eventType, record.mail.messageId])).toEqual([
      ['Send', MessageId],
      ['Bounce', MessageId],
    ]);
  });
});
