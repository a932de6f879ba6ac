import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suppressedPk } from '../../infra/model/index.ts';
import { TABLE, startHarness, type SendOtpEmailHarness } from '../../test/fixtures/functions/send-otp-email/function-harness.ts';
import { sessionInsertRecord, streamEvent } from '../../test/fixtures/functions/send-otp-email/session-records.ts';

// The bundled function in its own process against DynamoDB Local, the local SES and KMS: a suppressed mailbox
// (SUPPRESSED#<canonical mailbox>, written by handle-ses-feedback) gets no code and no email.

describe('send-otp-email and suppressed mailboxes', () => {
  let h: SendOtpEmailHarness;

  beforeAll(async () => {
    h = await startHarness();
  }, 120_000);

  afterAll(async () => {
    await h?.stop();
  });

  async function suppress(mailbox: string, expiresAt?: number): Promise<void> {
    await h.client.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: {
          pk: { S: suppressedPk(mailbox) },
          reason: { S: 'Bounce' },
          ...(expiresAt === undefined ? {} : { expiresAt: { N: String(expiresAt) } }),
        },
      }),
    );
  }

  it('sends nothing to a suppressed mailbox (also through a +label), marks the session Suppressed, and emails the others', async () => {
    // Prepare: the canonical mailbox is suppressed; the session is for a labelled variant of it (no `mailbox`
    // attribute on these sessions: the function derives it from the address).
    const local = `gone-${randomUUID().slice(0, 8)}`;
    await suppress(`${local}@example.com`);
    const suppressed = await h.putSession({ email: `${local}+news@example.com` });
    const other = await h.putSession();
    const logsBefore = h.logs.length;

    // Act
    const outcome = await h.runner.invoke(streamEvent(sessionInsertRecord(suppressed), sessionInsertRecord(other)));

    // Assess
    expect(h.failures(outcome)).toEqual([]);
    expect(await h.emailsTo(suppressed.email)).toEqual([]);
    const item = await h.storedSession(suppressed.sessionId);
    expect(item?.undeliverableReason?.S).toBe('Suppressed');
    expect(item?.undeliverableAt?.S).toBeDefined();
    expect(item?.codes?.M).toEqual({});
    expect(item?.emailedAt).toBeUndefined();
    await expect.poll(() => h.emailsTo(other.email)).toHaveLength(1);
    expect(h.logsSince(logsBefore)).toContain('"outcome":"suppressed"');
    expect(h.logsSince(logsBefore)).not.toContain(local);
  });

  it('mails a mailbox whose suppression expired (TTL deletion is late, so the function checks expiresAt)', async () => {
    const local = `back-${randomUUID().slice(0, 8)}`;
    await suppress(`${local}@example.com`, Math.floor(Date.now() / 1000) - 1);
    const session = await h.putSession({ email: `${local}@example.com` });

    const outcome = await h.runner.invoke(streamEvent(sessionInsertRecord(session)));

    expect(h.failures(outcome)).toEqual([]);
    await expect.poll(() => h.emailsTo(session.email)).toHaveLength(1);
    expect((await h.storedSession(session.sessionId))?.undeliverableReason).toBeUndefined();
  });
});
