/**
 * Deliverability end to end on a stack of this file's own: every email goes through the SES configuration set, SES's
 * mailbox simulator answers with the events SES would publish, the local SNS delivers them to handle-ses-feedback,
 * and the suppressed mailbox gets nothing more while generateOtp answers it as it answers anyone (no enumeration).
 */
import { ListTopicsCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GenerateOtpDocument, VerifyOtpDocument } from '../infra/documents/generated/graphql.ts';
import { suppressedPk, type SessionItem, type SuppressionItem } from '../infra/model/index.ts';
import { graphql } from './support/graphql-client.ts';
import { clearInbox, emailsTo, listEmails } from './support/inbox.ts';
import { startOtpStack, type OtpStack } from './support/otp-stack.ts';
import { SessionTable } from './support/table.ts';
import { testDynamoDbLocal } from '../local/test-support/dynamodb-local.ts';

const BOUNCE = 'bounce@simulator.amazonses.com';
const COMPLAINT = 'complaint@simulator.amazonses.com';
const SUPPRESSION_LIST = 'suppressionlist@simulator.amazonses.com';

let stack: OtpStack;
let table: SessionTable;

beforeAll(async () => {
  stack = await startOtpStack({
    stateDir: '.local/test-deliverability',
    dynamodbLocal: testDynamoDbLocal,
    web: false,
    log: () => {},
    // Several codes for one mailbox in a row: no cooldown, a larger window.
    context: { resendCooldownSeconds: '0', maxCodesPerWindow: '20' },
  });
  table = new SessionTable(stack.endpoints);
  // The local SES keeps one mailbox per process, and a test worker runs other files before this one: mail they sent
  // to the simulator's addresses would count here.
  await clearInbox(stack.endpoints);
}, 600_000);

afterAll(async () => {
  table?.close();
  await stack?.stop();
}, 120_000);

const generate = (email: string) => graphql(stack.endpoints, GenerateOtpDocument, { email });
const emailsFor = async (address: string) => emailsTo(await listEmails(stack.endpoints), address);
const suppression = async (mailbox: string) => (await table.item(suppressedPk(mailbox))) as SuppressionItem | undefined;
const session = (sessionId: string) => table.session(sessionId) as Promise<(SessionItem & Record<string, unknown>) | undefined>;

/** The answer's shape: keys and value types, not values. */
function shapeOf(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return typeof value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shapeOf(inner)]));
}

describe('deliverability', () => {
  it('suppresses a hard-bouncing mailbox; later codes for it (and its +label) are answered normally but not sent', async () => {
    // Act: the first code goes out through the configuration set; the simulator bounces it.
    const first = await generate(BOUNCE);
    expect(first.body.errors).toBeUndefined();
    await expect.poll(() => emailsFor(BOUNCE), { timeout: 20_000 }).toHaveLength(1);

    // Assess: the Bounce reached the feedback function, which suppressed the canonical mailbox.
    await expect.poll(() => suppression(BOUNCE), { timeout: 20_000 }).toMatchObject({
      pk: `SUPPRESSED#${BOUNCE}`,
      reason: 'Bounce',
      detail: 'Permanent/General',
      count: 1,
    });
    const item = (await suppression(BOUNCE))!;
    const days = (item.expiresAt! - Date.now() / 1000) / 86400;
    expect(days).toBeGreaterThan(89);
    expect(days).toBeLessThanOrEqual(90);

    // Act: the same mailbox again, as given and with a label.
    const again = await generate(BOUNCE);
    const labelled = await generate('bounce+again@simulator.amazonses.com');

    // Assess: the same answer as for any address, nothing sent, the sessions undeliverable.
    const other = await generate(`someone-${Date.now()}@example.com`);
    for (const answer of [again, labelled]) {
      expect(answer.status).toBe(other.status);
      expect(answer.body.errors).toBeUndefined();
      expect(shapeOf(answer.body)).toEqual(shapeOf(other.body));
    }
    for (const answer of [again, labelled]) {
      const sessionId = answer.body.data!.generateOtp.sessionId;
      await expect.poll(async () => (await session(sessionId))?.undeliverableReason, { timeout: 20_000 }).toBe('Suppressed');
      const stored = (await session(sessionId))!;
      expect(stored.emailedAt).toBeUndefined();
      expect(stored.codes).toEqual({});
      const verify = await graphql(stack.endpoints, VerifyOtpDocument, { sessionId, code: '123456' });
      expect(verify.body.data?.verifyOtp.verified).toBe(false);
    }
    // The first session's email is the only one; the other address got its code.
    await stack.settled();
    expect((await listEmails(stack.endpoints)).some((email) => email.destination.to.some((to) => to.startsWith('someone-')))).toBe(true);
    expect(await emailsFor(BOUNCE)).toHaveLength(1);
    expect(await emailsFor('bounce+again@simulator.amazonses.com')).toHaveLength(0);
    expect((await session(first.body.data!.generateOtp.sessionId))?.emailedAt).toBeDefined();
  }, 120_000);

  it('suppresses a complainer for good (no expiry), and an account-suppression-list bounce', async () => {
    await generate(COMPLAINT);
    await generate(SUPPRESSION_LIST);
    await expect.poll(() => suppression(COMPLAINT), { timeout: 20_000 }).toMatchObject({ reason: 'Complaint', detail: 'abuse', count: 1 });
    expect((await suppression(COMPLAINT))?.expiresAt).toBeUndefined();
    await expect.poll(() => suppression(SUPPRESSION_LIST), { timeout: 20_000 }).toMatchObject({
      reason: 'Bounce',
      detail: 'Permanent/OnAccountSuppressionList',
    });

    const again = await generate(COMPLAINT);
    const sessionId = again.body.data!.generateOtp.sessionId;
    await expect.poll(async () => (await session(sessionId))?.undeliverableReason, { timeout: 20_000 }).toBe('Suppressed');
    expect(await emailsFor(COMPLAINT)).toHaveLength(1);
  }, 120_000);

  it('does not suppress on a transient bounce or a delivery', async () => {
    // The simulator has no transient bounce; SES's record for one is published to the same topic.
    const sns = new SNSClient({ endpoint: stack.endpoints.smsUrl, region: stack.endpoints.region, credentials: stack.endpoints.iam });
    try {
      const { Topics = [] } = await sns.send(new ListTopicsCommand({}));
      const topicArn = Topics.map((topic) => topic.TopicArn!).find((arn) => /SesFeedback/.test(arn));
      expect(topicArn).toBeDefined();
      const address = `full-${Date.now()}@example.com`;
      const record = {
        eventType: 'Bounce',
        mail: { timestamp: new Date().toISOString(), messageId: 'ses-transient', destination: [address] },
        bounce: { bounceType: 'Transient', bounceSubType: 'MailboxFull', bouncedRecipients: [{ emailAddress: address }] },
      };
      await sns.send(new PublishCommand({ TopicArn: topicArn, Message: JSON.stringify(record) }));
      // A permanent bounce published the same way afterwards proves the function ran for the transient one too.
      const marker = `gone-${Date.now()}@example.com`;
      const permanent = { ...record, bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: marker }] } };
      await sns.send(new PublishCommand({ TopicArn: topicArn, Message: JSON.stringify(permanent) }));
      await expect.poll(() => suppression(marker), { timeout: 20_000 }).toMatchObject({ reason: 'Bounce' });
      expect(await suppression(address)).toBeUndefined();

      // A delivered address (the simulator's success@) is not suppressed either.
      await generate('success@simulator.amazonses.com');
      // Its delivery event has reached the suppression function (SES → SNS → Lambda) once the stack has settled.
      await stack.settled();
      expect(await emailsFor('success@simulator.amazonses.com')).toHaveLength(1);
      expect(await suppression('success@simulator.amazonses.com')).toBeUndefined();
    } finally {
      sns.destroy();
    }
  }, 120_000);
});
