/**
 * Faults on a stack of our own (never the shared one): KMS throttling or failing the API's code checks, a recipient
 * SES refuses for good, SES down for a while, SES hanging past the function's timeout, and DynamoDB Local killed while
 * the stack runs.
 *
 * One stack serves every test, in that order (each stack start costs a JVM and about 3 s; there were four): the tests
 * run one after another and each looks only at its own sessions and addresses, the KMS proxy forwards unchanged
 * unless a test sets a fault, SES's sandbox refuses only the one address of its test, and killing DynamoDB Local
 * ends the stack, so it comes last. The on-failure record file and the fatal-error list are shared, and every test
 * expects them empty: a fault of one test that left such a trace would fail the others too.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtpStack, type OtpStack } from './support/otp-stack.ts';
import { startSesLocal, type SesLocal } from 'appsync-local';
import { GenerateOtpDocument, VerifyOtpDocument } from '../infra/documents/generated/graphql.ts';
import { graphql, queryText } from './support/graphql-client.ts';
import { codeIn, emailsTo, listEmails, uniqueEmail, waitForEmail } from './support/inbox.ts';
import { startKmsFaultProxy, type KmsFaultProxy } from './support/kms-fault-proxy.ts';
import { pidListeningOn, portOf } from './support/process-memory.ts';
import { SessionTable } from './support/table.ts';
import { settledAndRead } from './support/settled.ts';
import { errorsOf, postRaw, uncleanAnswerReason } from './support/raw-request.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await sleep(250);
  }
}

const STATE_DIR = '.local/test-faults';
const ON_FAILURE_FILE = join(STATE_DIR, 'failed-events', 'on-failure.jsonl');

/** The one address SES's sandbox refuses (the undeliverable test's). */
const REFUSED = uniqueEmail('fault-unverified').toLowerCase();

let stack: OtpStack;
let proxy: KmsFaultProxy;
let table: SessionTable;
/** SES started again on the stack's port; the stack's stop() only knows the first one. */
let restartedSes: SesLocal | undefined;
/** The stack's log: the functions' START/END/REPORT lines and timeouts among them. */
const logLines: string[] = [];
const fatal: Error[] = [];

beforeAll(async () => {
  rmSync(join(STATE_DIR, 'failed-events'), { recursive: true, force: true });
  proxy = await startKmsFaultProxy();
  // The engine signs for kms.<region>.amazonaws.com and sends those requests to the proxy; the functions call the
  // local KMS directly (AWS_ENDPOINT_URL_KMS), so codes are still MAC'd and emailed.
  const kmsOrigin = `https://kms.${process.env.AWS_REGION ?? 'us-east-1'}.amazonaws.com`;
  stack = await startOtpStack({
    stateDir: STATE_DIR,
    web: false,
    log: (line) => logLines.push(line),
    onFatal: (error) => fatal.push(error),
    endpointOverrides: { [kmsOrigin]: proxy.url },
    ses: { sandboxVerifiedRecipient: (address) => address.toLowerCase() !== REFUSED },
  });
  expect(stack.endpoints.region, 'the KMS origin the override names').toBe(new URL(kmsOrigin).hostname.split('.')[1]);
  proxy.target = stack.endpoints.kmsUrl;
  table = new SessionTable(stack.endpoints);
});
afterAll(async () => {
  table?.close();
  await restartedSes?.stop();
  await stack?.stop();
  await proxy?.stop();
});

function onFailureLines(file: string): unknown[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

describe("KMS failing verifyOtp's code check", () => {
  it('answers an error, never VERIFIED, while KMS throttles, fails or drops the connection; each attempt is counted', async () => {
    const email = uniqueEmail('fault-kms');
    const sessionId = (await graphql(stack.endpoints, GenerateOtpDocument, { email })).body.data?.generateOtp?.sessionId ?? '';
    const code = codeIn(await waitForEmail(stack.endpoints, email, 30_000));
    const verify = () => graphql(stack.endpoints, VerifyOtpDocument, { sessionId, code });

    for (const [index, mode] of (['throttle', 'internal-error', 'drop'] as const).entries()) {
      proxy.mode = mode;
      const requestsBefore = proxy.requests.length;
      const answer = await verify();
      expect(answer.body.data?.verifyOtp ?? null, mode).toBeNull();
      expect(answer.body.errors?.[0], mode).toMatchObject({ errorType: 'InternalFailure', message: 'The code could not be checked.' });
      expect(JSON.stringify(answer.body)).not.toContain(code);
      expect(proxy.requests.slice(requestsBefore), mode).toEqual(['TrentService.VerifyMac']);
      // Counted before the check: a failing KMS gives a guesser no attempt for free. Not a failure of the mailbox.
      expect(await table.session(sessionId), mode).toMatchObject({ status: 'PENDING', attempts: index + 1 });
    }

    // KMS answers again: the right code verifies, on the attempts that are left.
    proxy.mode = 'forward';
    expect((await verify()).body.data?.verifyOtp).toMatchObject({ verified: true, status: 'VERIFIED', attemptsRemaining: 0 });
    expect(await table.session(sessionId)).toMatchObject({ status: 'VERIFIED', attempts: 4 });
  }, 90_000);
});

describe('a recipient SES refuses for good (SES sandbox, local stack)', () => {
  const accepted = [1, 2, 3].map((n) => uniqueEmail(`fault-verified-${n}`).toLowerCase());

  it('marks that session undeliverable without a retry, while every other session of the burst is emailed exactly once', async () => {
    const addresses = [accepted[0]!, REFUSED, accepted[1]!, accepted[2]!];
    const answers = await Promise.all(addresses.map((email) => graphql(stack.endpoints, GenerateOtpDocument, { email })));
    const sessionIds = answers.map((answer) => answer.body.data?.generateOtp?.sessionId);
    expect(sessionIds.every(Boolean)).toBe(true);
    const refusedId = sessionIds[1]!;

    const marked = await eventually(async () => {
      const session = await table.session(refusedId);
      return session?.undeliverableAt ? session : undefined;
    }, 60_000, 'the refused session was not marked undeliverable');
    expect(marked).toMatchObject({ undeliverableReason: 'MessageRejected', codes: {} });
    for (const address of accepted) await waitForEmail(stack.endpoints, address, 60_000);

    // Nothing more happens: had the invocation reported the record as failed, the mapping would have invoked again,
    // and the stack settles only once that retry has ended and logged about the session.
    await settledAndRead(() => stack.settled());
    const aboutRefused = logLines.filter((line) => line.includes(refusedId));
    expect(aboutRefused.filter((line) => line.includes('"outcome":"undeliverable"'))).toHaveLength(1);
    expect(aboutRefused.filter((line) => line.includes('will be retried'))).toHaveLength(0);
    expect(onFailureLines(ON_FAILURE_FILE)).toHaveLength(0);
    const emails = await listEmails(stack.endpoints);
    for (const address of accepted) expect(emailsTo(emails, address)).toHaveLength(1);
    expect(emailsTo(emails, REFUSED)).toHaveLength(0);
    // No code is valid for it: a verify attempt is not even counted.
    expect((await table.session(refusedId))?.attempts).toBe(0);
  }, 120_000);
});

describe('stream → Lambda → SES faults', () => {
  /**
   * A restarted SES knows none of the template's configuration sets, and every email names the stack's set (SES
   * would refuse it): hand it the stack's sets and the local SNS, as the stack did for the first one.
   */
  function restoreConfigurationSets(ses: SesLocal): void {
    ses.setConfigurationSets(stack.config.sesConfigurationSets ?? [], stack.sms?.publishToTopic);
  }

  /** Stops whichever SES server holds the stack's port (the first one, or the one a test restarted). */
  async function stopSes(): Promise<void> {
    await Promise.all([stack.ses.stop().catch(() => {}), restartedSes?.stop().catch(() => {})]);
    restartedSes = undefined;
  }

  async function expectEachEmailedOnce(addresses: string[]): Promise<void> {
    await eventually(
      async () => {
        const emails = await listEmails(stack.endpoints);
        return addresses.every((email) => emailsTo(emails, email).length > 0) ? true : undefined;
      },
      60_000,
      'not every email arrived after SES came back',
    );
    // Then none twice: a retry draws a new code, but SES never accepted an earlier one.
    await stack.settled();
    const emails = await listEmails(stack.endpoints);
    expect(addresses.map((email) => emailsTo(emails, email).length)).toEqual(addresses.map(() => 1));
    expect(onFailureLines(ON_FAILURE_FILE)).toEqual([]);
  }

  it('SES down: the API keeps answering, the mapping retries, and every email arrives once SES is back', async () => {
    await stopSes();
    const addresses = Array.from({ length: 5 }, (_, i) => uniqueEmail(`fault-ses-${i}`).toLowerCase());
    const sessionIds: string[] = [];
    for (const email of addresses) {
      const answer = await graphql(stack.endpoints, GenerateOtpDocument, { email });
      expect(answer.status).toBe(200);
      expect(answer.body.data?.generateOtp?.sessionId).toBeTruthy();
      sessionIds.push(answer.body.data!.generateOtp.sessionId);
    }
    // SES stays down until a record has failed twice: an invocation and the mapping's retry both ran into it (the
    // 2 s sleep this replaced assumed both happen within 2 s). SES is back well before the retries are used up
    // (5, ≈ 7.75 s of backoff): nothing may be discarded.
    await eventually(
      async () => (sessionIds.some((id) => logLines.filter((line) => line.includes(id) && line.includes('will be retried')).length >= 2) ? true : undefined),
      30_000,
      'no record failed and was retried while SES was down',
    );
    // Same port, so the functions' AWS_ENDPOINT_URL_SES reaches it; the mailbox is module state, shared by both.
    restartedSes = await startSesLocal({ port: stack.ses.port, region: stack.endpoints.region });
    restoreConfigurationSets(restartedSes);
    await expectEachEmailedOnce(addresses);
  }, 90_000);

  it('SES accepting connections but never answering: the invocation times out, is retried, and emails arrive once', async () => {
    await stopSes();
    // Only this test's lines: the stack's log holds the earlier tests' too.
    const firstLine = logLines.length;
    const port = stack.ses.port;
    const held = new Set<Socket>();
    const hanging = createServer((socket) => void held.add(socket));
    await new Promise<void>((resolve) => hanging.listen(port, '127.0.0.1', resolve));
    const addresses = [1, 2].map((n) => uniqueEmail(`fault-hang-${n}`).toLowerCase());
    for (const email of addresses) {
      expect((await graphql(stack.endpoints, GenerateOtpDocument, { email })).status).toBe(200);
    }
    // The function's timeout is 10 s (infra/lib/otp-service.ts): the first invocation must run into it.
    await eventually(
      async () => (logLines.slice(firstLine).some((line) => /Task timed out after 10\.00 seconds/.test(line)) ? true : undefined),
      30_000,
      'no invocation timed out',
    );
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => hanging.close(resolve));
    restartedSes = await startSesLocal({ port, region: stack.endpoints.region });
    restoreConfigurationSets(restartedSes);
    await expectEachEmailedOnce(addresses);
  }, 120_000);
});

// Last: it ends the stack.
describe('DynamoDB Local killed while the stack runs', () => {
  it('reports it through onFatal, and requests get clean GraphQL errors instead of hanging', async () => {
    const before = await graphql(stack.endpoints, GenerateOtpDocument, { email: uniqueEmail('fault-kill-before') });
    expect(before.body.data?.generateOtp?.sessionId).toBeTruthy();
    // The faults above (SES stopped, hanging, restarted; KMS failing) were none of them fatal to the stack.
    expect(fatal).toEqual([]);

    const pid = pidListeningOn(portOf(stack.endpoints.dynamodbUrl));
    expect(pid).toBeDefined();
    process.kill(pid!, 'SIGKILL');
    await eventually(async () => (fatal.length > 0 ? true : undefined), 15_000, 'onFatal was not called');
    expect(fatal[0]?.message).toMatch(/DynamoDB Local stopped unexpectedly/);

    const started = Date.now();
    const answer = await postRaw(
      stack.endpoints,
      JSON.stringify({ query: queryText(GenerateOtpDocument), variables: { email: uniqueEmail('fault-kill-after') } }),
    );
    const elapsedMs = Date.now() - started;
    console.log(`[faults] generateOtp with DynamoDB down answered HTTP ${answer.status} in ${elapsedMs} ms: ${answer.text.slice(0, 300)}`);
    expect(uncleanAnswerReason(answer)).toBeUndefined();
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ data: null });
    expect(errorsOf(answer).length).toBeGreaterThan(0);
    // The local address of the dead service stays private (local/appsync/data-sources/dynamodb/errors.ts).
    expect(answer.text).not.toContain('127.0.0.1');

    const stopStarted = Date.now();
    await stack.stop();
    console.log(`[faults] stack stopped ${Date.now() - stopStarted} ms after DynamoDB Local died`);
  }, 90_000);
});
