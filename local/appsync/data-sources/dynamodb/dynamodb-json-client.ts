/**
 * The engine's DynamoDB client: DynamoDB's JSON protocol (a signed POST with `X-Amz-Target`) spoken directly, with
 * the AWS SDK's inputs, outputs, errors and standard retries. The stream pollers speak DynamoDB Streams' API the
 * same way ({@link createDynamoDbStreamsJsonClient}).
 *
 * Why not the SDK's DynamoDBClient: its middleware stack (user agent, endpoint rules, schema serde, retry bookkeeping)
 * cost 0.5–0.65 ms of CPU per call on this project's 2-core machine, against 0.2–0.4 ms for the same signed request
 * here — most of the engine's own cost for a DynamoDB resolver (issue 17: ≤ 1 ms per request). The wire format is the
 * SDK's: AttributeValues are the same JSON but for binary (base64 on the wire, Uint8Array in code), and a failure
 * becomes an error named as the SDK names it, with the same `message`, `$metadata` and fields (CancellationReasons,
 * Item), so the data source's handling and AppSync's error wording stay as they were.
 */
import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type {
  BatchGetItemCommandInput,
  BatchGetItemCommandOutput,
  BatchWriteItemCommandInput,
  BatchWriteItemCommandOutput,
  CreateTableCommandInput,
  CreateTableCommandOutput,
  DeleteItemCommandInput,
  DeleteItemCommandOutput,
  DescribeTableCommandInput,
  DescribeTableCommandOutput,
  GetItemCommandInput,
  GetItemCommandOutput,
  PutItemCommandInput,
  PutItemCommandOutput,
  QueryCommandInput,
  QueryCommandOutput,
  ScanCommandInput,
  ScanCommandOutput,
  TransactGetItemsCommandInput,
  TransactGetItemsCommandOutput,
  TransactWriteItemsCommandInput,
  TransactWriteItemsCommandOutput,
  UpdateItemCommandInput,
  UpdateItemCommandOutput,
  UpdateTimeToLiveCommandInput,
  UpdateTimeToLiveCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { jsonRequestSigner } from '../../../util/json-request-signer.ts';

/**
 * Each operation the data source sends, and the table operations the local stack makes (creating the template's
 * tables, finding a table's stream): its SDK input and output (without the SDK's `$metadata`).
 */
interface Operations {
  GetItem: [GetItemCommandInput, GetItemCommandOutput];
  PutItem: [PutItemCommandInput, PutItemCommandOutput];
  UpdateItem: [UpdateItemCommandInput, UpdateItemCommandOutput];
  DeleteItem: [DeleteItemCommandInput, DeleteItemCommandOutput];
  Query: [QueryCommandInput, QueryCommandOutput];
  Scan: [ScanCommandInput, ScanCommandOutput];
  BatchGetItem: [BatchGetItemCommandInput, BatchGetItemCommandOutput];
  BatchWriteItem: [BatchWriteItemCommandInput, BatchWriteItemCommandOutput];
  TransactGetItems: [TransactGetItemsCommandInput, TransactGetItemsCommandOutput];
  TransactWriteItems: [TransactWriteItemsCommandInput, TransactWriteItemsCommandOutput];
  CreateTable: [CreateTableCommandInput, CreateTableCommandOutput];
  DescribeTable: [DescribeTableCommandInput, DescribeTableCommandOutput];
  UpdateTimeToLive: [UpdateTimeToLiveCommandInput, UpdateTimeToLiveCommandOutput];
}

export type DynamoDbOperation = keyof Operations;
export type OperationOutput<K extends DynamoDbOperation> = Omit<Operations[K][1], '$metadata'>;

export interface DynamoDbJsonClient {
  call<K extends DynamoDbOperation>(operation: K, input: Operations[K][0]): Promise<OperationOutput<K>>;
  /** Closes the kept-alive connections. */
  destroy(): void;
}

/** An API's operations by name: what each is sent and what it answers. */
export type OperationTable = { [operation: string]: [input: object, output: object] };

/** A client of DynamoDB Streams' API, typed by the caller's {@link OperationTable}. */
export interface DynamoDbStreamsJsonClient<Operations extends OperationTable> {
  /** `signal` aborts the request (not a retry's wait). */
  call<K extends keyof Operations & string>(operation: K, input: Operations[K][0], signal?: AbortSignal): Promise<Operations[K][1]>;
  /** Closes the kept-alive connections. */
  destroy(): void;
}

export interface DynamoDbJsonClientOptions {
  /** e.g. http://127.0.0.1:8000 */
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** The operations that can add a record to a table's stream. */
const WRITE_OPERATIONS: ReadonlySet<string> = new Set<DynamoDbOperation>(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

/** The SDK's standard retry mode: 3 attempts, full-jitter backoff from 100 ms (500 ms when throttled), at most 20 s. */
const MAX_ATTEMPTS = 3;
const RETRY_BASE_MS = 100;
const THROTTLING_RETRY_BASE_MS = 500;
const MAX_RETRY_DELAY_MS = 20_000;
/** @smithy/service-error-classification's lists, for the errors DynamoDB can answer. */
const THROTTLING_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'Throttling',
  'LimitExceededException',
  'TransactionInProgressException',
  'TooManyRequestsException',
]);
const TRANSIENT_ERRORS = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);
const TRANSIENT_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);

/** What DynamoDB answered with a status other than 200, in the SDK's shape. */
export interface DynamoDbServiceError extends Error {
  $fault: 'client' | 'server';
  $metadata: { httpStatusCode: number; requestId?: string; attempts: number };
  [field: string]: unknown;
}

/** Binary attribute values travel as base64 (DynamoDB's JSON protocol); in code they are Uint8Array, as in the SDK. */
function toWire(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  return raw instanceof Uint8Array ? Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64') : value;
}

/** A plain Uint8Array, as the SDK gives (a Buffer is a subclass that compares unequal). */
function bytesOf(base64: string): Uint8Array {
  const buffer = Buffer.from(base64, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

function fromWire(key: string, value: unknown): unknown {
  // Only an AttributeValue's B / BS holds a string (list): an attribute *named* B or BS holds an AttributeValue object.
  if (key === 'B' && typeof value === 'string') return bytesOf(value);
  if (key === 'BS' && Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.map(bytesOf);
  return value;
}

function parseBody(text: string): Record<string, unknown> {
  if (text === '') return {};
  // Most answers hold no binary value: skip the reviver's per-key call for them.
  return JSON.parse(text, text.includes('"B') ? fromWire : undefined) as Record<string, unknown>;
}

/** The SDK's error for a non-200 answer: named after `__type`'s last part, with the body's other fields on it. */
function serviceError(status: number, body: Record<string, unknown>, requestId: string | undefined, attempts: number): DynamoDbServiceError {
  const { __type: type, message, Message, ...fields } = body;
  const name = typeof type === 'string' && type !== '' ? type.slice(type.lastIndexOf('#') + 1) : status >= 500 ? 'InternalServerError' : 'UnknownError';
  const text = typeof message === 'string' ? message : typeof Message === 'string' ? Message : 'UnknownError';
  const error = new Error(text) as DynamoDbServiceError;
  error.name = name;
  Object.assign(error, fields);
  error.$fault = status >= 500 ? 'server' : 'client';
  error.$metadata = { httpStatusCode: status, ...(requestId ? { requestId } : {}), attempts };
  return error;
}

function retryBaseMs(error: unknown): number | undefined {
  const failure = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  if (failure.name && THROTTLING_ERRORS.has(failure.name)) return THROTTLING_RETRY_BASE_MS;
  if (failure.name && TRANSIENT_ERRORS.has(failure.name)) return RETRY_BASE_MS;
  const status = failure.$metadata?.httpStatusCode;
  if (status !== undefined) return TRANSIENT_STATUS.has(status) ? RETRY_BASE_MS : undefined;
  return failure.code && TRANSIENT_NETWORK_CODES.has(failure.code) ? RETRY_BASE_MS : undefined;
}

/** `onWrite` is called as each write operation is answered, whatever the answer (the local stack's stream pollers' pace). */
export function createDynamoDbJsonClient(options: DynamoDbJsonClientOptions & { onWrite?: () => void }): DynamoDbJsonClient {
  const client = createJsonProtocolClient(options, 'DynamoDB_20120810', parseBody);
  const { onWrite } = options;
  if (!onWrite) return client as DynamoDbJsonClient;
  return {
    call(operation: string, input: object) {
      const answer = client.call(operation, input);
      if (WRITE_OPERATIONS.has(operation)) answer.then(onWrite, onWrite);
      return answer;
    },
    destroy: client.destroy,
  } as DynamoDbJsonClient;
}

/**
 * DynamoDB Streams' API, spoken the same way (same protocol and signing name, its own target). Its answers are kept
 * as sent: binary values in base64 and times in epoch seconds, which is how Lambda's stream events carry them, so a
 * poller passes them on without converting there and back (the SDK would give Uint8Array and Date).
 */
export function createDynamoDbStreamsJsonClient<Operations extends OperationTable>(options: DynamoDbJsonClientOptions): DynamoDbStreamsJsonClient<Operations> {
  const client = createJsonProtocolClient(options, 'DynamoDBStreams_20120810', (text) => (text === '' ? {} : (JSON.parse(text) as Record<string, unknown>)));
  return client as DynamoDbStreamsJsonClient<Operations>;
}

function createJsonProtocolClient(
  options: DynamoDbJsonClientOptions,
  targetPrefix: string,
  parse: (text: string) => Record<string, unknown>,
): { call(operation: string, input: object, signal?: AbortSignal): Promise<Record<string, unknown>>; destroy(): void } {
  const url = new URL(options.endpoint);
  const secure = url.protocol === 'https:';
  const port = url.port ? Number(url.port) : secure ? 443 : 80;
  const path = url.pathname || '/';
  // The SDK's Node handler keeps connections alive, up to 50 per host.
  const agent = new Agent({ keepAlive: true, maxSockets: 50 });
  const sign = jsonRequestSigner({ endpoint: url, region: options.region, service: 'dynamodb', credentials: options.credentials });

  async function once(operation: string, body: string, attempts: number, signal: AbortSignal | undefined): Promise<Record<string, unknown>> {
    const headers = sign(`${targetPrefix}.${operation}`, 'application/x-amz-json-1.0', body);
    const response = await new Promise<{ status: number; text: string; requestId?: string }>((resolve, reject) => {
      const send = secure ? httpsRequest : httpRequest;
      const outgoing = send(
        { hostname: url.hostname, port, path, method: 'POST', headers, signal, ...(secure ? {} : { agent }) },
        (incoming: IncomingMessage) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () => {
            const requestId = incoming.headers['x-amzn-requestid'];
            resolve({ status: incoming.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), requestId: typeof requestId === 'string' ? requestId : undefined });
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
    let parsed: Record<string, unknown>;
    try {
      parsed = parse(response.text);
    } catch {
      // Not JSON (a proxy's or a crashing server's page): the status decides, as for the SDK.
      parsed = {};
    }
    if (response.status === 200) return parsed;
    throw serviceError(response.status, parsed, response.requestId, attempts);
  }

  return {
    async call(operation, input, signal) {
      const body = JSON.stringify(input, toWire);
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await once(operation, body, attempt, signal);
        } catch (error) {
          const base = retryBaseMs(error);
          if (base === undefined || attempt >= MAX_ATTEMPTS) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(MAX_RETRY_DELAY_MS, base * 2 ** attempt)));
        }
      }
    },
    destroy: () => agent.destroy(),
  };
}
