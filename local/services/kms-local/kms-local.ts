/**
 * A local AWS KMS: KMS's JSON 1.1 protocol (`POST /`, `X-Amz-Target: TrentService.<Operation>`,
 * `Content-Type: application/x-amz-json-1.1`) on 127.0.0.1, so AWS's own clients (`@aws-sdk/client-kms` with
 * `endpoint`, or `AWS_ENDPOINT_URL_KMS`) and AppSync HTTP data sources (through an endpoint override) use it
 * unchanged. Requests are SigV4-verified against the local credentials; keys live in memory and, with `stateDir`,
 * in its state file. See README.md in this folder for the operations, errors and differences from KMS.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { CredentialLookup } from '../../appsync/auth/credential-store.ts';
import { headerMap, toSignedRequest, parseJsonProtocolInput } from '../../appsync/http/signed-request.ts';
import { readBody } from '../../appsync/http/read-body.ts';
import { LOCAL_ACCOUNT_ID } from '../../iam-principals.ts';
import type { KmsKeyConfig } from '../../stack-description.ts';
import { assertPortFree } from '../../util/free-port.ts';
import { listen } from '../../util/listen.ts';
import { errorBody, KmsError } from './errors.ts';
import { loadState, saveState } from './key-persistence.ts';
import { KeyStore } from './key-store.ts';
import { OPERATIONS } from './operations/table.ts';
import { authenticateKmsRequest } from './request-auth.ts';
import { addTemplateKeys } from './template-keys.ts';

/** KMS's requests are small (messages ≤ 4 KiB); 1 MiB leaves room for anything legitimate. */
const MAX_REQUEST_BYTES = 1024 * 1024;
const CONTENT_TYPE = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'TrentService.';

export interface KmsLocalOptions {
  /** A fixed port; a free one is chosen when absent. */
  port?: number;
  /** The region requests must be signed for; keys' ARNs name it. */
  region: string;
  /** @default LOCAL_ACCOUNT_ID ('000000000000') */
  accountId?: string;
  /** The credentials requests may be signed with (read at every request, so it may change while running). */
  credentials: CredentialLookup;
  /** The template's keys (StackDescription.kmsKeys), created at start under their stable ids. */
  keys?: readonly KmsKeyConfig[];
  /** Where keys are kept between runs (`kms-keys.json`, mode 0600); absent: keys live in memory only. */
  stateDir?: string;
  /** For tests: the clock used for signature skew and deletion dates. */
  now?: () => Date;
}

export interface KmsLocal {
  /** `http://127.0.0.1:<port>`: the SDK's `endpoint`, `AWS_ENDPOINT_URL_KMS`. */
  url: string;
  port: number;
  region: string;
  /** `https://kms.<region>.amazonaws.com`: the origin to send here in the engine's `httpDataSources.endpointOverrides`. */
  awsEndpoint: string;
  /** Adds keys (a hot reload's new template keys); existing ones keep their material. */
  addKeys(keys: readonly KmsKeyConfig[]): void;
  stop(): Promise<void>;
}

/**
 * Starts the local KMS.
 *
 * @example
 * const kms = await startKmsLocal({ region: 'us-east-1', credentials: store, keys: description.kmsKeys ?? [] });
 * const client = new KMSClient({ endpoint: kms.url, region: 'us-east-1', credentials });
 * // engine: httpDataSources.endpointOverrides = { [kms.awsEndpoint]: kms.url }
 */
export async function startKmsLocal(options: KmsLocalOptions): Promise<KmsLocal> {
  const { region, stateDir } = options;
  const now = options.now ?? (() => new Date());
  let loading = true;
  const store = new KeyStore({
    region,
    accountId: options.accountId ?? LOCAL_ACCOUNT_ID,
    now,
    onChange: () => {
      if (stateDir && !loading) saveState(stateDir, store);
    },
  });
  if (stateDir) {
    const state = loadState(stateDir);
    for (const key of state.keys) store.create(key);
    for (const alias of state.aliases) store.restoreAlias(alias);
  }
  loading = false;
  addTemplateKeys(store, options.keys ?? []);
  if (stateDir) saveState(stateDir, store);

  if (options.port) await assertPortFree(options.port, 'local KMS');
  const awsHost = `kms.${region}.amazonaws.com`;
  const acceptedHosts = new Set<string>([awsHost]);
  const server = createServer((request, response) => {
    void handle(request, response).catch(() => {
      // Nothing of the request (or a key) is logged: only that it failed.
      if (!response.headersSent) send(response, 500, errorBody(new KmsError('KMSInternalException', 'An internal error occurred.', 500)));
    });
  });
  const port = await listen(server, options.port ?? 0, '127.0.0.1');
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) acceptedHosts.add(host);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request, MAX_REQUEST_BYTES);
    const answer = await answerFor(request, body);
    send(response, answer.status, answer.body);
  }

  async function answerFor(request: IncomingMessage, body: string | 'too-large'): Promise<{ status: number; body: string }> {
    try {
      if (body === 'too-large') throw new KmsError('RequestEntityTooLargeException', 'Request is too large.', 413);
      const headers = headerMap(request);
      await authenticateKmsRequest(toSignedRequest(request, headers, body), { credentials: options.credentials, region, acceptedHosts, now: now() });
      const target = headers['x-amz-target'] ?? '';
      const name = request.method === 'POST' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
      // Own properties only: `constructor`, `toString`, `__proto__`… are the table object's, not KMS operations.
      const operation = name !== undefined && Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name] : undefined;
      if (!operation) throw new KmsError('UnknownOperationException', target ? `Operation ${target} is not supported by the local KMS.` : 'Missing X-Amz-Target.');
      return { status: 200, body: JSON.stringify(operation(parseJsonProtocolInput(body, (message) => new KmsError('SerializationException', message)), store)) };
    } catch (error) {
      if (error instanceof KmsError) return { status: error.status, body: errorBody(error) };
      throw error;
    }
  }

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    region,
    awsEndpoint: `https://${awsHost}`,
    addKeys: (keys) => addTemplateKeys(store, keys),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // The SDK keeps connections alive; close them so stop() is prompt.
        server.closeAllConnections();
      }),
  };
}

function send(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': randomUUID(), 'content-length': Buffer.byteLength(body) });
  response.end(body);
}



