import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamEvent } from '../../test/fixtures/functions/send-otp-email/session-records.ts';
import {
  INVALID_NUMBER,
  OPTED_OUT_NUMBER,
  SENDER_ID,
  startSmsHarness,
  type SendOtpSmsHarness,
} from '../../test/fixtures/functions/send-otp-sms/function-harness.ts';
import { startScriptedSns, type ScriptedSns } from '../../test/fixtures/functions/send-otp-sms/scripted-sns.ts';

// The function bundled and run in its own process against DynamoDB Local, the local SNS and the local KMS
// (test/fixtures/functions/send-otp-sms/function-harness.ts); SNS throttling and outages from a scripted SNS.

/** The text's code: every locale's text starts with it. */
function codeOf(message: string | undefined): string {
  return /^(\d{6}) /.exec(message ?? '')?.[1] ?? '';
}

describe('send-otp-sms', () => {
  let h: SendOtpSmsHarness;
  let scripted: ScriptedSns;

  beforeAll(async () => {
    [h, scripted] = await Promise.all([startSmsHarness(), startScriptedSns()]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([h?.stop(), scripted?.stop()]);
  });

  it('texts the code first, says not to share it, ends with the WebOTP line; stores only its MAC and smsSentAt', async () => {
    const session = await h.putSession();
    const logsBefore = h.logs.length;

    const outcome = await h.runner.invoke(streamEvent(h.record(session)));

    expect(h.failures(outcome)).toEqual([]);
    const { delivered } = h.textsTo(session.phoneNumber);
    expect(delivered).toHaveLength(1);
    const sms = delivered[0]!;
    const code = codeOf(sms.message);
    expect(code).toMatch(/^\d{6}$/);
    expect(sms.message).toBe(`${code} is your Acme code. Don't share it.\n\n@app.acme.example #${code}`);
    // WebOTP and the phones' autofill read the last line: `@<host> #<code>`.
    expect(sms.message.split('\n').at(-1)).toBe(`@app.acme.example #${code}`);
    expect(sms).toMatchObject({ smsType: 'Transactional', senderId: SENDER_ID });

    expect(await h.storedCodeMacs(session.sessionId)).toEqual([await h.macOf(session.sessionId, code)]);
    const item = await h.storedSession(session.sessionId);
    expect(item?.smsSentAt?.S).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(item?.status?.S).toBe('PENDING');
    expect(JSON.stringify(item)).not.toContain(`"${code}"`);

    // Structured logs with the outcome; never the code or the number.
    await expect.poll(() => h.logsSince(logsBefore)).toContain('"outcome":"sent"');
    const logs = h.logsSince(logsBefore);
    expect(logs).toContain(session.sessionId);
    expect(logs).not.toContain(code);
    expect(logs).not.toContain(session.phoneNumber);
  });

  it('writes the text in the session\'s locale, falling back along the tag and then to English', async () => {
    const german = await h.putSession({ locale: 'de-AT' });
    const french = await h.putSession({ locale: 'fr' });
    const unsupported = await h.putSession({ locale: 'pt-BR' });

    const outcome = await h.runner.invoke(streamEvent(h.record(german), h.record(french), h.record(unsupported)));

    expect(h.failures(outcome)).toEqual([]);
    const text = (phoneNumber: string) => h.textsTo(phoneNumber).delivered[0]?.message ?? '';
    expect(text(german.phoneNumber)).toMatch(/^(\d{6}) ist Ihr Acme-Code\. Geben Sie ihn nicht weiter\.\n\n@app\.acme\.example #\1$/);
    expect(text(french.phoneNumber)).toMatch(/^(\d{6}) est votre code Acme\. Ne le partagez pas\.\n\n@app\.acme\.example #\1$/);
    expect(text(unsupported.phoneNumber)).toMatch(/^(\d{6}) is your Acme code\. Don't share it\./);
  });

  it('sends nothing for sessions that are settled, already texted or expired, nor for a record delivered again', async () => {
    const verified = await h.putSession({ status: 'VERIFIED' });
    const texted = await h.putSession({ smsSentAt: new Date().toISOString() });
    const expired = await h.putSession({ expiresAt: Math.floor(Date.now() / 1000) - 1 });
    const fresh = await h.putSession();
    const logsBefore = h.logs.length;

    const outcome = await h.runner.invoke(streamEvent(h.record(verified), h.record(texted), h.record(expired), h.record(fresh)));
    // The stream delivers a record again after a timeout or a failed batch: its session already has its code.
    const again = await h.runner.invoke(streamEvent(h.record(fresh)));

    expect(h.failures(outcome)).toEqual([]);
    expect(h.failures(again)).toEqual([]);
    for (const session of [verified, texted, expired]) {
      expect(h.textsTo(session.phoneNumber).delivered).toEqual([]);
      expect(await h.storedCodeMacs(session.sessionId)).toEqual([]);
    }
    expect(h.textsTo(fresh.phoneNumber).delivered).toHaveLength(1);
    expect(await h.storedCodeMacs(fresh.sessionId)).toHaveLength(1);
    await expect.poll(() => h.logsSince(logsBefore)).toContain('"outcome":"skipped-settled-or-full"');
    const logs = h.logsSince(logsBefore);
    for (const outcomeName of ['skipped-not-pending', 'skipped-already-sent', 'skipped-expired']) expect(logs).toContain(`"outcome":"${outcomeName}"`);
  });

  it('marks a number SNS refuses for good undeliverable without a retry, and texts the rest of the batch', async () => {
    const before = await h.putSession();
    const invalid = await h.putSession({ phoneNumber: INVALID_NUMBER });
    const after = await h.putSession();

    const outcome = await h.runner.invoke(streamEvent(h.record(before), h.record(invalid), h.record(after)));

    expect(h.failures(outcome)).toEqual([]);
    const item = await h.storedSession(invalid.sessionId);
    expect(item?.codes?.M).toEqual({});
    expect(item?.undeliverableReason?.S).toBe('InvalidParameterException');
    expect(item?.undeliverableAt?.S).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(item?.smsSentAt).toBeUndefined();
    expect(h.textsTo(INVALID_NUMBER)).toEqual({ delivered: [], failed: [] });
    for (const session of [before, after]) expect(h.textsTo(session.phoneNumber).delivered).toHaveLength(1);
  });

  it('counts a text to an opted-out number as sent: SNS accepts it and drops it, so retrying would change nothing', async () => {
    const session = await h.putSession({ phoneNumber: OPTED_OUT_NUMBER });

    const outcome = await h.runner.invoke(streamEvent(h.record(session)));

    expect(h.failures(outcome)).toEqual([]);
    const { delivered, failed } = h.textsTo(OPTED_OUT_NUMBER);
    expect(delivered).toEqual([]);
    expect(failed).toHaveLength(1);
    expect((await h.storedSession(session.sessionId))?.smsSentAt?.S).toBeDefined();
  });

  it('reports only the record SNS kept failing for retry, withdrawing its code; the others are sent', async () => {
    const failing = await h.putSession();
    const first = await h.putSession();
    const last = await h.putSession();
    scripted.script(failing.phoneNumber, ['InternalError']);
    const runner = h.startRunner(scripted.url);
    const failingRecord = h.record(failing);

    const outcome = await runner.invoke(streamEvent(h.record(first), failingRecord, h.record(last)));

    expect(h.failures(outcome)).toEqual([failingRecord.dynamodb!.SequenceNumber]);
    // The SDK tried 4 times before the record failed.
    expect(scripted.requests.filter((params) => params.get('PhoneNumber') === failing.phoneNumber)).toHaveLength(4);
    const failed = await h.storedSession(failing.sessionId);
    expect(failed?.codes?.M).toEqual({});
    expect(failed?.smsSentAt).toBeUndefined();
    expect(failed?.undeliverableAt).toBeUndefined();
    for (const session of [first, last]) {
      const sent = scripted.requests.find((params) => params.get('PhoneNumber') === session.phoneNumber);
      const code = codeOf(sent?.get('Message') ?? undefined);
      expect(await h.storedCodeMacs(session.sessionId)).toEqual([await h.macOf(session.sessionId, code)]);
      expect((await h.storedSession(session.sessionId))?.smsSentAt?.S).toBeDefined();
    }

    // The retry (SNS back): a new code is drawn, stored and sent.
    scripted.script(failing.phoneNumber, ['OK']);
    const retried = await runner.invoke(streamEvent(failingRecord));
    expect(h.failures(retried)).toEqual([]);
    const texts = scripted.requests.filter((params) => params.get('PhoneNumber') === failing.phoneNumber);
    expect(texts).toHaveLength(5);
    const code = codeOf(texts.at(-1)?.get('Message') ?? undefined);
    expect(await h.storedCodeMacs(failing.sessionId)).toEqual([await h.macOf(failing.sessionId, code)]);
  });
});
