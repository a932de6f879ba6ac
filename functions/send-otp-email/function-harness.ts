import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FunctionConfig } from '../../local/config.ts';
import { createFunctionRunner, type FunctionRunner, type InvokeOutcome } from '../../local/lambda/function-runner.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../local/services/dynamodb-local.ts';
import { startSesLocal, type SesLocal, type SesLocalOptions } from '../../local/services/ses-local.ts';
import { bundleFunction, sessionFields, sessionItem, type SessionFields } from './test-helpers.ts';

// The function runs as it would offline: bundled like the CDK bundles it, in its own process with only its
// environment, talking to DynamoDB Local and aws-ses-v2-local through AWS_ENDPOINT_URL_* variables.

/** The function's HMAC secret in these tests, to compute the hashes it stores. */
export const SECRET = 'test-hmac-secret-0123456789';
/** The function's sender address in these tests. */
export const SENDER = 'no-reply@example.com';
/** The table the harness creates. */
export const TABLE = 'OtpTable';
const REGION = 'eu-west-1';

/** An email as aws-ses-v2-local's `GET /store` lists it. */
export interface StoredEmail {
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

/** DynamoDB Local with the table, a local SES, and the bundled function, plus what the tests ask of them. */
export interface SendOtpEmailHarness {
  /** The function, fed by the tests instead of a stream poller, sending through the plain local SES. */
  runner: FunctionRunner;
  /** Every line the functions wrote (structured JSON logs), in order. */
  logs: string[];
  /** Another local SES (e.g. one modelling the sandbox); stopped with the harness. */
  startSes(options?: SesLocalOptions): Promise<SesLocal>;
  /** Another instance of the function sending through `sesUrl`; stopped with the harness. */
  startRunner(sesUrl: string): FunctionRunner;
  /** Puts a session item as generateOtp writes it (with an empty `codes` map unless overridden). */
  putSession(overrides?: Partial<SessionFields>): Promise<SessionFields>;
  /** The session item as stored now (consistent read); undefined when absent. */
  storedSession(sessionId: string): Promise<Record<string, AttributeValue> | undefined>;
  /** The hashes in the stored session's `codes` map, sorted. */
  storedCodeHashes(sessionId: string): Promise<string[]>;
  /** The emails any local SES of this process accepted for `address` (they share one mailbox). */
  emailsTo(address: string): Promise<StoredEmail[]>;
  /** The SequenceNumbers the handler reported in batchItemFailures; throws when the invocation itself failed. */
  failures(outcome: InvokeOutcome): string[];
  /** The log lines written since `logs.length` was `from`, joined. */
  logsSince(from: number): string;
  /** The SDK client the tests use to read and write the table directly. */
  client: DynamoDBClient;
  stop(): Promise<void>;
}

/** Starts DynamoDB Local, a local SES and the function; about 5–10 s, so call it in beforeAll. */
export async function startHarness(): Promise<SendOtpEmailHarness> {
  const codeDir = mkdtempSync(join(tmpdir(), 'send-otp-email-'));
  bundleFunction(codeDir);
  const starts = await Promise.allSettled([startDynamoDbLocal(), startSesLocal()]);
  // Nothing may outlive a failed start: a DynamoDB Local left running would keep its Java process.
  const abandon = async (error: unknown): Promise<never> => {
    await Promise.allSettled(starts.map((start) => (start.status === 'fulfilled' ? start.value.stop() : undefined)));
    rmSync(codeDir, { recursive: true, force: true });
    throw error;
  };
  const [ddbStart, sesStart] = starts;
  if (ddbStart.status === 'rejected') return abandon(ddbStart.reason);
  if (sesStart.status === 'rejected') return abandon(sesStart.reason);
  const client = localClient(ddbStart.value);
  try {
    await client.send(
      new CreateTableCommand({
        TableName: TABLE,
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } catch (error) {
    client.destroy();
    return abandon(error);
  }
  return harness(codeDir, ddbStart.value, sesStart.value, client);
}

function localClient(ddb: DynamoDbLocal): DynamoDBClient {
  return new DynamoDBClient({ endpoint: ddb.endpoint, region: REGION, credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
}

function harness(codeDir: string, ddb: DynamoDbLocal, ses: SesLocal, client: DynamoDBClient): SendOtpEmailHarness {
  const logs: string[] = [];
  const runners: FunctionRunner[] = [];
  const extraSes: SesLocal[] = [];

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

  async function storedSession(sessionId: string): Promise<Record<string, AttributeValue> | undefined> {
    const key = { pk: { S: `SESSION#${sessionId}` } };
    return (await client.send(new GetItemCommand({ TableName: TABLE, Key: key, ConsistentRead: true }))).Item;
  }

  return {
    runner: startRunner(ses.url),
    logs,
    client,
    startRunner,
    async startSes(options) {
      const started = await startSesLocal(options);
      extraSes.push(started);
      return started;
    },
    async putSession(overrides = {}) {
      const fields = sessionFields(overrides);
      await client.send(new PutItemCommand({ TableName: TABLE, Item: sessionItem(fields) }));
      return fields;
    },
    storedSession,
    async storedCodeHashes(sessionId) {
      return Object.keys((await storedSession(sessionId))?.codes?.M ?? {}).sort();
    },
    async emailsTo(address) {
      const store = (await (await fetch(`${ses.url}/store`)).json()) as { emails: StoredEmail[] };
      return store.emails.filter((email) => email.destination.to.includes(address));
    },
    failures(outcome) {
      if ('error' in outcome) throw new Error(`function failed: ${outcome.error.errorType}: ${outcome.error.errorMessage}`);
      const result = outcome.result as { batchItemFailures: { itemIdentifier: string }[] };
      return result.batchItemFailures.map((failure) => failure.itemIdentifier);
    },
    logsSince: (from) => logs.slice(from).join('\n'),
    async stop() {
      await Promise.all(runners.map((started) => started.stop()));
      client.destroy();
      await Promise.all([ddb.stop(), ses.stop(), ...extraSes.map((started) => started.stop())]);
      rmSync(codeDir, { recursive: true, force: true });
    },
  };
}
