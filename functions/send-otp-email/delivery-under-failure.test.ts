import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionRunner } from '../../local/lambda/function-runner.ts';
import { MAX_CODES_PER_SESSION, sessionKey } from '../../infra/model/index.ts';
import { TABLE, startHarness, type SendOtpEmailHarness } from '../../test/fixtures/functions/send-otp-email/function-harness.ts';
import { sessionInsertRecord, streamEvent } from '../../test/fixtures/functions/send-otp-email/session-records.ts';
import { extractCode } from '../../test/support/inbox.ts';

// Issue 11, "Delivery under failure": SES refusing for good, SES failing for a while, KMS throttling or down, and
// stream records delivered again. Everything real: the bundled function in its own process, DynamoDB Local, the local
// KMS, and the local SES (in sandbox mode for a real MessageRejected, stopped for a real connection failure).

/** A stand-in for KMS that answers every request as a throttled KMS does (HTTP 400, ThrottlingException). */
async function startThrottlingKms(): Promise<{ url: string; requests: () => number; stop: () => Promise<void> }> {
  let requests = 0;
  const server = createServer((request, response) => {
    requests += 1;
    request.resume();
    response.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' }).end('{"__type":"ThrottlingException","message":"Rate exceeded"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A stand-in for the MAC (32 bytes, base64) of a code some earlier invocation stored. */
function otherMac(index: number): string {
  return Buffer.alloc(32, index + 1).toString('base64');
}

describe('send-otp-email under failure', () => {
  let h: SendOtpEmailHarness;
  /** The function sending through a local SES in sandbox mode: recipients named `rejected-…` are not verified. */
  let sandboxRunner: FunctionRunner;

  beforeAll(async () => {
    h = await startHarness();
    const sandbox = await h.startSes({ sandboxVerifiedRecipient: (address) => !address.startsWith('rejected-') });
    sandboxRunner = h.startRunner(sandbox.url);
  }, 120_000);

  afterAll(async () => {
    await h?.stop();
  });

  async function codeEmailedTo(address: string, index = 0): Promise<string> {
    const email = (await h.emailsTo(address))[index];
    return extractCode(email?.body.text ?? '') ?? '';
  }

  it('records a permanent refusal on the session, does not retry it, and emails the rest of the batch', async () => {
    // Prepare: SES (sandboxed) refuses the middle recipient with MessageRejected.
    const before = await h.putSession();
    const rejected = await h.putSession({ email: `rejected-${randomUUID().slice(0, 8)}@example.com` });
    const after = await h.putSession();
    const rejectedRecord = sessionInsertRecord(rejected);
    const logsBefore = h.logs.length;

    // Act
    const outcome = await sandboxRunner.invoke(
      streamEvent(sessionInsertRecord(before), rejectedRecord, sessionInsertRecord(after)),
    );

    // Assess: no record is reported for retry, the others were emailed and marked.
    expect(h.failures(outcome)).toEqual([]);
    for (const session of [before, after]) {
      const code = await codeEmailedTo(session.email);
      expect(await h.storedCodeMacs(session.sessionId)).toEqual([await h.macOf(session.sessionId, code)]);
      expect((await h.storedSession(session.sessionId))?.emailedAt?.S).toBeDefined();
    }
    // The refused session: nothing sent, its code removed, when and why recorded.
    expect(await h.emailsTo(rejected.email)).toEqual([]);
    const item = await h.storedSession(rejected.sessionId);
    expect(item?.codes?.M).toEqual({});
    expect(item?.undeliverableReason?.S).toBe('MessageRejected');
    expect(Date.parse(item?.undeliverableAt?.S ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(item?.emailedAt).toBeUndefined();
    // Logged once at WARN with the sessionId and SES's error name; never the address.
    await expect.poll(() => h.logsSince(logsBefore)).toContain('"outcome":"undeliverable"');
    const warning = h.logs.slice(logsBefore).find((line) => line.includes('"outcome":"undeliverable"')) ?? '';
    expect(warning).toContain('"level":"WARN"');
    expect(warning).toContain(rejected.sessionId);
    expect(warning).toContain('"errorName":"MessageRejected"');
    expect(h.logsSince(logsBefore)).not.toContain(rejected.email);

    // Act again: the record delivered once more (e.g. a retry of the whole batch) does not try again.
    const again = await sandboxRunner.invoke(streamEvent(rejectedRecord));

    // Assess
    expect(h.failures(again)).toEqual([]);
    const unchanged = await h.storedSession(rejected.sessionId);
    expect(unchanged?.codes?.M).toEqual({});
    expect(unchanged?.undeliverableAt?.S).toBe(item?.undeliverableAt?.S);
  });

  it('removes the code of an email SES failed to take and reports the record; the retry emails a new code', async () => {
    // Prepare: a function whose SES is down (connections refused, retried by the SDK, then given up).
    const brokenSes = await h.startSes();
    const brokenRunner = h.startRunner(brokenSes.url);
    await brokenSes.stop();
    const skipped = await h.putSession({ status: 'VERIFIED' });
    const session = await h.putSession();
    const failing = sessionInsertRecord(session);
    const logsBefore = h.logs.length;

    // Act
    const outcome = await brokenRunner.invoke(streamEvent(sessionInsertRecord(skipped), failing));

    // Assess: only the failing record is reported, its code no longer verifies, nothing was marked.
    expect(h.failures(outcome)).toEqual([failing.dynamodb?.SequenceNumber]);
    const afterFailure = await h.storedSession(session.sessionId);
    expect(afterFailure?.codes?.M).toEqual({});
    expect(afterFailure?.emailedAt).toBeUndefined();
    expect(afterFailure?.undeliverableAt).toBeUndefined();
    await expect.poll(() => h.logsSince(logsBefore)).toContain('Record failed');
    expect(h.logsSince(logsBefore)).toContain('EmailDeliveryError');
    expect(h.logsSince(logsBefore)).not.toContain(session.email);

    // Act again: the event source mapping retries the record against a working SES.
    expect(h.failures(await h.runner.invoke(streamEvent(failing)))).toEqual([]);

    // Assess: the emailed code is the only one that verifies.
    const code = await codeEmailedTo(session.email);
    expect(await h.storedCodeMacs(session.sessionId)).toEqual([await h.macOf(session.sessionId, code)]);
    expect((await h.storedSession(session.sessionId))?.emailedAt?.S).toBeDefined();
  });

  it.each([
    ['throttles every request', 'ThrottlingException'],
    ['is unreachable', 'ECONNREFUSED'],
  ])('stores and sends nothing while KMS %s, and reports the record; the retry emails a code that verifies', async (_label, reason) => {
    // Prepare: a function whose KMS throttles (after the SDK's retries) or refuses connections.
    const throttling = await startThrottlingKms();
    if (reason === 'ECONNREFUSED') await throttling.stop();
    const failingRunner = h.startRunner(h.sesUrl, { kmsUrl: throttling.url });
    const session = await h.putSession();
    const record = sessionInsertRecord(session);
    const logsBefore = h.logs.length;

    // Act
    const outcome = await failingRunner.invoke(streamEvent(record));

    // Assess: the record is reported for retry; no MAC was stored and no email went out.
    expect(h.failures(outcome)).toEqual([record.dynamodb?.SequenceNumber]);
    expect(await h.storedCodeMacs(session.sessionId)).toEqual([]);
    expect(await h.emailsTo(session.email)).toEqual([]);
    await expect.poll(() => h.logsSince(logsBefore)).toContain('Record failed');
    expect(h.logsSince(logsBefore)).toContain('CodeMacError');
    if (reason === 'ThrottlingException') {
      expect(h.logsSince(logsBefore)).toContain('ThrottlingException');
      expect(throttling.requests()).toBeGreaterThan(1); // the SDK retried before giving up
      await throttling.stop();
    }

    // Act again: the event source mapping retries the record once KMS answers.
    expect(h.failures(await h.runner.invoke(streamEvent(record)))).toEqual([]);

    // Assess: one email, and its code's MAC is the one stored.
    const code = await codeEmailedTo(session.email);
    expect(await h.emailsTo(session.email)).toHaveLength(1);
    expect(await h.storedCodeMacs(session.sessionId)).toEqual([await h.macOf(session.sessionId, code)]);
  });

  it('skips a record redelivered after its email was sent: one email, and its code still verifies', async () => {
    // Prepare
    const session = await h.putSession();
    const record = sessionInsertRecord(session);
    expect(h.failures(await h.runner.invoke(streamEvent(record)))).toEqual([]);
    const firstMac = await h.macOf(session.sessionId, await codeEmailedTo(session.email));
    const emailedAt = (await h.storedSession(session.sessionId))?.emailedAt?.S;
    const logsBefore = h.logs.length;

    // Act
    const outcome = await h.runner.invoke(streamEvent(record));

    // Assess
    expect(h.failures(outcome)).toEqual([]);
    expect(await h.emailsTo(session.email)).toHaveLength(1);
    expect(await h.storedCodeMacs(session.sessionId)).toEqual([firstMac]);
    expect((await h.storedSession(session.sessionId))?.emailedAt?.S).toBe(emailedAt);
    await expect.poll(() => h.logsSince(logsBefore)).toContain('"outcome":"skipped-settled-or-full"');
  });

  it('adds a second code beside the first when redelivered after an unknown outcome: both verify', async () => {
    // Prepare: the first invocation sent its email, then "crashed" before recording emailedAt.
    const session = await h.putSession();
    const record = sessionInsertRecord(session);
    expect(h.failures(await h.runner.invoke(streamEvent(record)))).toEqual([]);
    await h.client.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: sessionKey(session.sessionId),
        UpdateExpression: 'REMOVE emailedAt',
      }),
    );

    // Act: the stream delivers the record again.
    const outcome = await h.runner.invoke(streamEvent(record));

    // Assess: a second email, and the codes of both emails are keys of `codes`.
    expect(h.failures(outcome)).toEqual([]);
    expect(await h.emailsTo(session.email)).toHaveLength(2);
    const firstCode = await codeEmailedTo(session.email, 0);
    const secondCode = await codeEmailedTo(session.email, 1);
    const expected = (await Promise.all([firstCode, secondCode].map((code) => h.macOf(session.sessionId, code)))).sort();
    expect(await h.storedCodeMacs(session.sessionId)).toEqual(expected);
    expect((await h.storedSession(session.sessionId))?.emailedAt?.S).toBeDefined();
  });

  it(`keeps at most ${MAX_CODES_PER_SESSION} codes on a session`, async () => {
    // Prepare: earlier attempts with unknown outcomes left one code fewer than the bound on one session, the
    // bound's worth on another.
    const issuedAt = Math.floor(Date.now() / 1000);
    const codesOf = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, index) => [otherMac(index), { keyId: h.codeMacKeyArn, issuedAt }]));
    const roomForOne = await h.putSession({ codes: codesOf(MAX_CODES_PER_SESSION - 1) });
    const full = await h.putSession({ codes: codesOf(MAX_CODES_PER_SESSION) });
    const logsBefore = h.logs.length;

    // Act
    const outcome = await h.runner.invoke(streamEvent(sessionInsertRecord(roomForOne), sessionInsertRecord(full)));

    // Assess: the first gets its last code and email; the full one gets neither, and is not retried.
    expect(h.failures(outcome)).toEqual([]);
    const code = await codeEmailedTo(roomForOne.email);
    expect(await h.storedCodeMacs(roomForOne.sessionId)).toHaveLength(MAX_CODES_PER_SESSION);
    expect(await h.storedCodeMacs(roomForOne.sessionId)).toContain(await h.macOf(roomForOne.sessionId, code));
    expect(await h.emailsTo(full.email)).toEqual([]);
    expect(await h.storedCodeMacs(full.sessionId)).toEqual(Object.keys(codesOf(MAX_CODES_PER_SESSION)).sort());
    expect((await h.storedSession(full.sessionId))?.emailedAt).toBeUndefined();
    await expect.poll(() => h.logsSince(logsBefore)).toContain('"outcome":"skipped-settled-or-full"');
  });
});
