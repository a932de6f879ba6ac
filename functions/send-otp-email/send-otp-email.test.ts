import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SENDER, startHarness, type SendOtpEmailHarness } from '../../test/fixtures/functions/send-otp-email/function-harness.ts';
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

  it('writes the email in the language of the session\'s locale, falling back along the tag', async () => {
    // Prepare
    const german = await h.putSession({ locale: 'de-AT' });
    const unsupported = await h.putSession({ locale: 'pt-BR' });

    // Act
    const outcome = await h.runner.invoke(streamEvent(sessionInsertRecord(german), sessionInsertRecord(unsupported)));

    // Assess
    expect(h.failures(outcome)).toEqual([]);
    const [de] = await h.emailsTo(german.email);
    const deCode = extractCode(de?.body.text ?? '') ?? '';
    expect(de?.subject).toBe(`${deCode} ist Ihr Bestätigungscode für OTP`);
    expect(de?.body.text).toContain('Geben Sie diesen Code niemals weiter.');
    expect(de?.body.html).toContain('lang="de"');
    const [en] = await h.emailsTo(unsupported.email);
    expect(en?.subject).toMatch(/^\d{6} is your OTP verification code$/);
  });

  it('emails a code and adds only its KMS MAC, with the key that made it, to the session codes', async () => {
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
    const code = extractCode(email?.body.text ?? '') ?? '';
    expect(code).toMatch(/^\d{6}$/);
    // No locale on the session: English, with the default brand.
    expect(email).toMatchObject({ from: SENDER, subject: `${code} is your OTP verification code` });
    expect(email?.body.html).toContain(code);
    expect(email?.body.text).toContain('5 minutes');

    const item = await h.storedSession(session.sessionId);
    // KMS's HMAC is deterministic: the MAC the test has the local KMS make for the emailed code is the stored one.
    const mac = await h.macOf(session.sessionId, code);
    const codes = await h.storedCodes(session.sessionId);
    expect(Object.keys(codes)).toEqual([mac]);
    // With it, the ARN of the key that made it (GenerateMac's KeyId) and the second the code was issued.
    expect(codes[mac]?.keyId).toBe(h.codeMacKeyArn);
    const issuedAt = codes[mac]?.issuedAt ?? 0;
    expect(issuedAt).toBeGreaterThanOrEqual(before);
    expect(issuedAt).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    // A MAC for the same code under another session does not match: the MAC binds the code to its session.
    expect(await h.macOf(crypto.randomUUID(), code)).not.toBe(mac);
    expect(item?.emailedAt?.S).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(item?.status?.S).toBe('PENDING');
    expect(item?.codeHash).toBeUndefined();
    // The code is stored nowhere in plain text.
    expect(JSON.stringify(item)).not.toContain(`"${code}"`);

    // Structured logs with the outcome, never the code or its MAC.
    await expect.poll(() => h.logsSince(logsBefore)).toContain('"outcome":"sent"');
    const newLogs = h.logsSince(logsBefore);
    expect(newLogs).toContain(session.sessionId);
    expect(newLogs).not.toMatch(new RegExp(`\\b${code}\\b`));
    expect(newLogs).not.toContain(mac);
  });

  it('MACs new codes under the new key after a rotation and stores its ARN, while earlier codes keep the old one', async () => {
    // Prepare: a code emailed under the current key, then the function configured with a new HMAC key.
    const before = await h.putSession();
    expect(h.failures(await h.runner.invoke(streamEvent(sessionInsertRecord(before))))).toEqual([]);
    const created = await h.kms.call('CreateKey', { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    const newKey = (created.body.KeyMetadata as { Arn: string }).Arn;
    const rotated = h.startRunner(h.sesUrl, { codeMacKeyArn: newKey });
    const after = await h.putSession();

    // Act
    expect(h.failures(await rotated.invoke(streamEvent(sessionInsertRecord(after))))).toEqual([]);

    // Assess: each session names the key its MAC was made with, and the MAC is that key's.
    const codeOf = async (email: string) => extractCode((await h.emailsTo(email))[0]?.body.text ?? '') ?? '';
    const beforeMac = await h.macOf(before.sessionId, await codeOf(before.email));
    const afterMac = await h.macOf(after.sessionId, await codeOf(after.email), newKey);
    expect(await h.storedCodes(before.sessionId)).toEqual({ [beforeMac]: { keyId: h.codeMacKeyArn, issuedAt: expect.any(Number) } });
    expect(await h.storedCodes(after.sessionId)).toEqual({ [afterMac]: { keyId: newKey, issuedAt: expect.any(Number) } });
  });

  it('sends nothing for a session that is not PENDING or was already emailed', async () => {
    const verified = await h.putSession({ status: 'VERIFIED' });
    const emailed = await h.putSession({ emailedAt: new Date().toISOString() });

    const outcome = await h.runner.invoke(streamEvent(sessionInsertRecord(verified), sessionInsertRecord(emailed)));

    expect(h.failures(outcome)).toEqual([]);
    expect(await h.emailsTo(verified.email)).toEqual([]);
    expect(await h.emailsTo(emailed.email)).toEqual([]);
    expect(await h.storedCodeMacs(verified.sessionId)).toEqual([]);
    expect(await h.storedCodeMacs(emailed.sessionId)).toEqual([]);
  });

  it('sends nothing when the table says the session was emailed meanwhile or is gone', async () => {
    // The stream image is older than the table: another delivery already emailed this session.
    const earlierMac = Buffer.alloc(32, 0xaa).toString('base64');
    const session = await h.putSession({ emailedAt: new Date().toISOString(), codes: { [earlierMac]: { keyId: h.codeMacKeyArn, issuedAt: 1 } } });
    const staleImage = sessionInsertRecord({ ...session, emailedAt: undefined, codes: {} });
    const deleted = sessionInsertRecord(sessionFields());

    const outcome = await h.runner.invoke(streamEvent(staleImage, deleted));

    expect(h.failures(outcome)).toEqual([]);
    expect(await h.emailsTo(session.email)).toEqual([]);
    expect(await h.storedCodeMacs(session.sessionId)).toEqual([earlierMac]);
    expect(await h.storedSession(deleted.dynamodb?.NewImage?.sessionId?.S ?? '')).toBeUndefined();
  });
});
