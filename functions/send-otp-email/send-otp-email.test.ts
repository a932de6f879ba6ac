import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionConfig } from '../../local/config.ts';
import { createFunctionRunner, type FunctionRunner, type InvokeOutcome } from '../../local/lambda/function-runner.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../local/services/dynamodb-local.ts';
import { startSesLocal, type SesLocal } from '../../local/services/ses-local.ts';
import { hashOtpCode } from './otp-code.ts';
import {
  bundleFunction,
  extractCode,
  sessionFields,
  sessionInsertRecord,
  sessionItem,
  streamEvent,
  type SessionFields,
} from './test-helpers.ts';

// The function runs as it would offline: bundled like the CDK bundles it, in its own process with only its
// environment, talking to DynamoDB Local and aws-ses-v2-local through AWS_ENDPOINT_URL_* variables.

const REGION = 'eu-west-1';
const TABLE = 'OtpTable';
const SECRET = 'test-hmac-secret-0123456789';
const SENDER = 'no-reply@example.com';

interface StoredEmail {
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

describe('send-otp-email', () => {
  let ddb: DynamoDbLocal;
  let ses: SesLocal;
  let client: DynamoDBClient;
  let codeDir: string;
  let runner: FunctionRunner;
  const logs: string[] = [];
  const runners: FunctionRunner[] = [];

  function startRunner(sesUrl: string): FunctionRunner {
    const config: FunctionConfig = {
      logicalId: 'SendOtpEmail',
      name: 'send-otp-email',
      handler: 'index.handler',
      codeDir,
      runtime: 'nodejs20.x',
      environment: {
        TABLE_NAME: TABLE,
        OTP_HMAC_SECRET: SECRET,
        OTP_CODE_LENGTH: '6',
        OTP_TTL_SECONDS: '300',
        SENDER_EMAIL: SENDER,
        EMAIL_SUBJECT: 'Your verification code',
        POWERTOOLS_SERVICE_NAME: 'otp-email',
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
      timeoutSeconds: 20,
      memorySize: 256,
    };
    const started = createFunctionRunner({
      config,
      region: REGION,
      endpoints: { AWS_ENDPOINT_URL_DYNAMODB: ddb.endpoint, AWS_ENDPOINT_URL_SES: sesUrl },
      log: (line) => logs.push(line),
    });
    runners.push(started);
    return started;
  }

  beforeAll(async () => {
    codeDir = mkdtempSync(join(tmpdir(), 'send-otp-email-'));
    bundleFunction(codeDir);
    [ddb, ses] = await Promise.all([startDynamoDbLocal(), startSesLocal()]);
    client = new DynamoDBClient({ endpoint: ddb.endpoint, region: REGION, credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
    await client.send(
      new CreateTableCommand({
        TableName: TABLE,
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    runner = startRunner(ses.url);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(runners.map((started) => started.stop()));
    client?.destroy();
    await Promise.all([ddb?.stop(), ses?.stop()]);
    rmSync(codeDir, { recursive: true, force: true });
  });

  async function putSession(overrides: Partial<SessionFields> = {}): Promise<SessionFields> {
    const fields = sessionFields(overrides);
    await client.send(new PutItemCommand({ TableName: TABLE, Item: sessionItem(fields) }));
    return fields;
  }

  async function storedSession(sessionId: string) {
    const result = await client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: `SESSION#${sessionId}` } }, ConsistentRead: true }));
    return result.Item;
  }

  async function emailsTo(address: string): Promise<StoredEmail[]> {
    const store = (await (await fetch(`${ses.url}/store`)).json()) as { emails: StoredEmail[] };
    return store.emails.filter((email) => email.destination.to.includes(address));
  }

  function failures(outcome: InvokeOutcome): string[] {
    if ('error' in outcome) throw new Error(`function failed: ${outcome.error.errorType}: ${outcome.error.errorMessage}`);
    const result = outcome.result as { batchItemFailures: { itemIdentifier: string }[] };
    return result.batchItemFailures.map((failure) => failure.itemIdentifier);
  }

  it('emails a code and stores only its HMAC', async () => {
    // Prepare
    const session = await putSession();
    const record = sessionInsertRecord(session);
    const logsBefore = logs.length;

    // Act
    const outcome = await runner.invoke(streamEvent(record));

    // Assess
    expect(failures(outcome)).toEqual([]);
    const [email, ...others] = await emailsTo(session.email);
    expect(others).toEqual([]);
    expect(email).toMatchObject({ from: SENDER, subject: 'Your verification code' });
    expect(email?.subject).not.toMatch(/\d/);
    const code = extractCode(email?.body.text ?? '');
    expect(code).toMatch(/^\d{6}$/);
    expect(email?.body.html).toContain(code);
    expect(email?.body.text).toContain('5 minutes');

    const item = await storedSession(session.sessionId);
    expect(item?.codeHash?.S).toBe(hashOtpCode(SECRET, session.sessionId, code ?? ''));
    expect(item?.emailedAt?.S).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(item?.status?.S).toBe('PENDING');
    // The code is stored nowhere in plain text.
    expect(JSON.stringify(item)).not.toContain(`"${code}"`);

    // Structured logs with the outcome, never the code or its hash.
    await expect.poll(() => logs.slice(logsBefore).join('\n')).toContain('"outcome":"sent"');
    const newLogs = logs.slice(logsBefore).join('\n');
    expect(newLogs).toContain(session.sessionId);
    expect(newLogs).not.toMatch(new RegExp(`\\b${code}\\b`));
    expect(newLogs).not.toContain(item?.codeHash?.S);
  });

  it('sends nothing for a session that is not PENDING or was already emailed', async () => {
    const verified = await putSession({ status: 'VERIFIED' });
    const emailed = await putSession({ emailedAt: new Date().toISOString() });

    const outcome = await runner.invoke(streamEvent(sessionInsertRecord(verified), sessionInsertRecord(emailed)));

    expect(failures(outcome)).toEqual([]);
    expect(await emailsTo(verified.email)).toEqual([]);
    expect(await emailsTo(emailed.email)).toEqual([]);
    expect((await storedSession(verified.sessionId))?.codeHash).toBeUndefined();
    expect((await storedSession(emailed.sessionId))?.codeHash).toBeUndefined();
  });

  it('sends nothing when the table says the session was emailed meanwhile or is gone', async () => {
    // The stream image is older than the table: another delivery already emailed this session.
    const session = await putSession({ emailedAt: new Date().toISOString(), codeHash: 'a'.repeat(64) });
    const staleImage = sessionInsertRecord({ ...session, emailedAt: undefined, codeHash: undefined });
    const deleted = sessionInsertRecord(sessionFields());

    const outcome = await runner.invoke(streamEvent(staleImage, deleted));

    expect(failures(outcome)).toEqual([]);
    expect(await emailsTo(session.email)).toEqual([]);
    expect((await storedSession(session.sessionId))?.codeHash?.S).toBe('a'.repeat(64));
    expect(await storedSession(deleted.dynamodb?.NewImage?.sessionId?.S ?? '')).toBeUndefined();
  });

  it('reports only the record whose email SES refused, and a retry emails a new code', async () => {
    // Prepare: a function whose SES is down.
    const brokenSes = await startSesLocal();
    const brokenRunner = startRunner(brokenSes.url);
    await brokenSes.stop();
    const skipped = await putSession({ status: 'VERIFIED' });
    const session = await putSession();
    const failing = sessionInsertRecord(session);
    const logsBefore = logs.length;

    // Act
    const outcome = await brokenRunner.invoke(streamEvent(sessionInsertRecord(skipped), failing));

    // Assess: only the failing record is reported, nothing was marked emailed, no secret in the logs.
    expect(failures(outcome)).toEqual([failing.dynamodb?.SequenceNumber]);
    const afterFailure = await storedSession(session.sessionId);
    expect(afterFailure?.emailedAt).toBeUndefined();
    const failedHash = afterFailure?.codeHash?.S;
    expect(failedHash).toMatch(/^[0-9a-f]{64}$/);
    await expect.poll(() => logs.slice(logsBefore).join('\n')).toContain('Record failed');
    expect(logs.slice(logsBefore).join('\n')).not.toContain(failedHash);

    // Act again: the event source mapping retries the record against a working SES.
    expect(failures(await runner.invoke(streamEvent(failing)))).toEqual([]);

    // Assess: a new code was drawn, its hash replaced the old one, and it is the one emailed.
    const [email] = await emailsTo(session.email);
    const code = extractCode(email?.body.text ?? '') ?? '';
    const afterRetry = await storedSession(session.sessionId);
    expect(afterRetry?.codeHash?.S).toBe(hashOtpCode(SECRET, session.sessionId, code));
    expect(afterRetry?.codeHash?.S).not.toBe(failedHash);
    expect(afterRetry?.emailedAt?.S).toBeDefined();
  });
});
