import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SENDER, SECRET, startHarness, type SendOtpEmailHarness } from '../../test/fixtures/functions/send-otp-email/function-harness.ts';
import { hashOtpCode } from './otp-code.ts';
import { sessionFields, sessionInsertRecord, streamEvent } from '../../test/fixtures/functions/send-otp-email/session-records.ts';
import { extractCode } from '../../test/support/inbox.ts';

// The function bundled and run in its own process against DynamoDB Local and the local SES (test/fixtures/functions/send-otp-email/function-harness.ts).
// Failures of SES and redeliveries: delivery-under-failure.test.ts.

describe('send-otp-email', () => {
  let h: SendOtpEmailHarness;

  beforeAll(async () => {
    h = await startHarness();
  }, 120_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('emails a code and adds only its HMAC to the session codes', async () => {
    // Prepare
    const session = await h.putSession();
    const record = sessionInsertRecord(session);
    const logsBefore = h.logs.length;
    const before = Math.floor(Date.now() / 1000);

    // Act
    const outcome = await h.runner.invoke(streamEvent(record));

    // Assess
    expect(h.failures(outcome)).toEqual([]);
    const [email, ...others] = await h.emailsTo(session.email);
    expect(others).toEqual([]);
    expect(email).toMatchObject({ from: SENDER, subject: 'Your verification code' });
    expect(email?.subject).not.toMatch(/\d/);
    const code = extractCode(email?.body.text ?? '') ?? '';
    expect(code).toMatch(/^\d{6}$/);
    expect(email?.body.html).toContain(code);
    expect(email?.body.text).toContain('5 minutes');

    const item = await h.storedSession(session.sessionId);
    const hash = hashOtpCode(SECRET, session.sessionId, code);
    expect(Object.keys(item?.codes?.M ?? {})).toEqual([hash]);
    // The value is the second the code was issued.
    const issuedAt = Number(item?.codes?.M?.[hash]?.N);
    expect(issuedAt).toBeGreaterThanOrEqual(before);
    expect(issuedAt).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    expect(item?.emailedAt?.S).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(item?.status?.S).toBe('PENDING');
    expect(item?.codeHash).toBeUndefined();
    // The code is stored nowhere in plain text.
    expect(JSON.stringify(item)).not.toContain(`"${code}"`);

    // Structured logs with the outcome, never the code or its hash.
    await expect.poll(() => h.logsSince(logsBefore)).toContain('"outcome":"sent"');
    const newLogs = h.logsSince(logsBefore);
    expect(newLogs).toContain(session.sessionId);
    expect(newLogs).not.toMatch(new RegExp(`\\b${code}\\b`));
    expect(newLogs).not.toContain(hash);
  });

  it('sends nothing for a session that is not PENDING or was already emailed', async () => {
    const verified = await h.putSession({ status: 'VERIFIED' });
    const emailed = await h.putSession({ emailedAt: new Date().toISOString() });

    const outcome = await h.runner.invoke(streamEvent(sessionInsertRecord(verified), sessionInsertRecord(emailed)));

    expect(h.failures(outcome)).toEqual([]);
    expect(await h.emailsTo(verified.email)).toEqual([]);
    expect(await h.emailsTo(emailed.email)).toEqual([]);
    expect(await h.storedCodeHashes(verified.sessionId)).toEqual([]);
    expect(await h.storedCodeHashes(emailed.sessionId)).toEqual([]);
  });

  it('sends nothing when the table says the session was emailed meanwhile or is gone', async () => {
    // The stream image is older than the table: another delivery already emailed this session.
    const earlierHash = 'a'.repeat(64);
    const session = await h.putSession({ emailedAt: new Date().toISOString(), codes: { [earlierHash]: 1 } });
    const staleImage = sessionInsertRecord({ ...session, emailedAt: undefined, codes: {} });
    const deleted = sessionInsertRecord(sessionFields());

    const outcome = await h.runner.invoke(streamEvent(staleImage, deleted));

    expect(h.failures(outcome)).toEqual([]);
    expect(await h.emailsTo(session.email)).toEqual([]);
    expect(await h.storedCodeHashes(session.sessionId)).toEqual([earlierHash]);
    expect(await h.storedSession(deleted.dynamodb?.NewImage?.sessionId?.S ?? '')).toBeUndefined();
  });
});
