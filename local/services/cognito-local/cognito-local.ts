/**
 * A local Amazon Cognito user pool service: Cognito's JSON 1.1 protocol (`POST /`,
 * `X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>`, `Content-Type: application/x-amz-json-1.1`) on
 * 127.0.0.1 for the pools a template declares, so AWS's own clients (amazon-cognito-identity-js and Amplify Auth
 * with `endpoint`, the SDK, functions through AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER) use it unchanged. The user's
 * own operations are unsigned, as on AWS; Admin* operations are SigV4-verified against the local credentials. Each
 * pool serves its JWKS and OIDC discovery document at `/{poolId}/.well-known/…`; `GET /store` lists the codes and
 * invitations it "sent". See README.md in this folder for the operations, errors and differences from Cognito.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { CredentialLookup } from '../../appsync/auth/credential-store.ts';
import { headerMap, toSignedRequest, parseJsonProtocolInput } from '../../appsync/http/signed-request.ts';
import { readBody } from '../../appsync/http/read-body.ts';
import type { UserPoolConfig } from '../../stack-description.ts';
import { assertPortFree } from '../../util/free-port.ts';
import { listen } from '../../util/listen.ts';
import { AuthSessions } from './auth-sessions.ts';
import { CognitoError, errorBody } from './errors.ts';
import { LocalUserPool, type PoolState } from './local-pool.ts';
import { MessageStore, type SentMessage } from './message-store.ts';
import { OPERATIONS } from './operations/table.ts';
import type { CognitoServices } from './operations/types.ts';
import { authenticateAdminRequest } from './request-auth.ts';
import { jwksOf } from './signing-keys.ts';
import { loadCognitoState, saveCognitoState } from './state-file.ts';
import { createTriggerInvoker } from './triggers.ts';

/** Cognito's requests are small; 1 MiB leaves room for anything legitimate. */
const MAX_REQUEST_BYTES = 1024 * 1024;
const CONTENT_TYPE = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
/** Browsers call Cognito directly (Amplify Auth): like Cognito, any origin may, without credentials. */
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage, date',
};

export interface CognitoLocalOptions {
  /** A fixed port; a free one is chosen when absent. */
  port?: number;
  /** The region Admin* requests must be signed for. */
  region: string;
  /** The credentials Admin* requests may be signed with (read at every request). */
  credentials: CredentialLookup;
  /** The template's pools (StackDescription.userPools). */
  pools: readonly UserPoolConfig[];
  /** Where users, keys and refresh tokens are kept between runs (`cognito-state.json`, 0600); absent: memory only. */
  stateDir?: string;
  /** How long a trigger may take (Cognito: 5 s). */
  triggerTimeoutMs?: number;
  /** For tests: the clock of codes, sessions, tokens and signatures. */
  now?: () => Date;
}

export interface CognitoLocal {
  /** `http://127.0.0.1:<port>`: the clients' `endpoint`, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER. */
  url: string;
  port: number;
  region: string;
  /** Issuer (`https://cognito-idp.<region>.amazonaws.com/<poolId>`) → `{url}/{poolId}`, for the engine's `issuerOverrides`. */
  issuerOverrides(): Record<string, string>;
  /** `{url}/{poolId}/.well-known/jwks.json`. */
  jwksUrl(userPoolId: string): string;
  /** A hot reload's pools: new ones start, existing ones keep their users and keys. */
  setPools(pools: readonly UserPoolConfig[]): void;
  /** What the pools "sent" (as `GET /store`). */
  messages(): readonly SentMessage[];
  stop(): Promise<void>;
}

/**
 * Starts the local Cognito.
 *
 * @example
 * const cognito = await startCognitoLocal({ region: 'us-east-1', credentials: store, pools: description.userPools ?? [] });
 * const pool = new CognitoUserPool({ UserPoolId, ClientId, endpoint: cognito.url }); // amazon-cognito-identity-js
 * // engine: issuerOverrides = cognito.issuerOverrides()
 */
export async function startCognitoLocal(options: CognitoLocalOptions): Promise<CognitoLocal> {
  const { region, stateDir } = options;
  const now = options.now ?? (() => new Date());
  const stored = stateDir ? loadCognitoState(stateDir) : new Map<string, PoolState>();
  const pools = new Map<string, LocalUserPool>();
  const persist = () => {
    if (!stateDir) return;
    const nowMs = now().getTime();
    const states = new Map(stored);
    for (const [id, pool] of pools) {
      const state = pool.state(nowMs);
      if (state) states.set(id, state);
    }
    saveCognitoState(stateDir, states);
  };
  let stopped = false;
  const setPools = (configs: readonly UserPoolConfig[]) => {
    for (const [id, pool] of pools) {
      // A pool the template no longer has keeps its state in the file, in case it comes back.
      if (!configs.some((config) => config.userPoolId === id)) {
        const state = pool.state(now().getTime());
        if (state) stored.set(id, state);
        pools.delete(id);
      }
    }
    for (const config of configs) {
      const running = pools.get(config.userPoolId);
      if (running) running.reconfigure(config);
      else {
        const pool = new LocalUserPool(config, stored.get(config.userPoolId));
        pools.set(config.userPoolId, pool);
        // A new pool's keys go to the state file once they exist (nothing else of it can change before then).
        pool.keysReady.then(() => !stopped && persist(), () => {});
      }
    }
    persist();
  };
  setPools(options.pools);
  const messages = new MessageStore();
  const services: CognitoServices = {
    region,
    pools,
    sessions: new AuthSessions(() => now().getTime()),
    triggers: createTriggerInvoker({ region, ...(options.triggerTimeoutMs ? { timeoutMs: options.triggerTimeoutMs } : {}) }),
    messages,
    now: () => now().getTime(),
    changed: persist,
  };

  if (options.port) await assertPortFree(options.port, 'local Cognito');
  const acceptedHosts = new Set<string>([`cognito-idp.${region}.amazonaws.com`]);
  const server = createServer((request, response) => {
    void handle(request, response).catch(() => {
      // Nothing of the request is logged (it may carry passwords or tokens): only that it failed.
      if (!response.headersSent) send(response, 500, errorBody(new CognitoError('InternalErrorException', 'An internal error occurred.', 500)));
    });
  });
  const port = await listen(server, options.port ?? 0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) acceptedHosts.add(host);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    await Promise.all([...pools.values()].map((pool) => pool.keysReady));
    const host = (request.headers.host ?? '').toLowerCase();
    // DNS-rebinding defence, as the engine's: only requests naming this server (or Cognito's own host) are answered.
    if (!acceptedHosts.has(host)) {
      send(response, 403, JSON.stringify({ __type: 'ForbiddenHost', message: 'The Host header must name this server.' }), 'application/json');
      return;
    }
    const path = new URL(request.url ?? '/', 'http://local').pathname;
    if (request.method === 'OPTIONS') {
      response.writeHead(204, {
        ...CORS,
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': request.headers['access-control-request-headers'] ?? 'content-type, x-amz-target',
        'access-control-max-age': '86400',
      });
      response.end();
      return;
    }
    if (request.method === 'GET') {
      answerGet(path, response);
      return;
    }
    const body = await readBody(request, MAX_REQUEST_BYTES);
    const answer = await answerFor(request, path, body);
    send(response, answer.status, answer.body, CONTENT_TYPE, answer.errorType);
  }

  function answerGet(path: string, response: ServerResponse): void {
    const json = (status: number, value: unknown, cors: boolean) => {
      const text = JSON.stringify(value);
      response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...(cors ? CORS : {}) });
      response.end(text);
    };
    // The codes and temporary passwords: readable by the developer, not by other sites (no CORS header).
    if (path === '/store') return json(200, { messages: messages.list() }, false);
    const match = /^\/([^/]+)\/\.well-known\/(jwks\.json|openid-configuration)$/.exec(path);
    const pool = match ? pools.get(decodeURIComponent(match[1]!)) : undefined;
    if (!match || !pool) return json(404, { message: 'Not found' }, false);
    if (match[2] === 'jwks.json') return json(200, jwksOf(pool.keys), true);
    return json(
      200,
      {
        issuer: pool.issuer,
        jwks_uri: `${url}/${pool.id}/.well-known/jwks.json`,
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'token'],
        subject_types_supported: ['public'],
        scopes_supported: ['openid', 'email', 'phone', 'profile'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      },
      true,
    );
  }

  async function answerFor(request: IncomingMessage, path: string, body: string | 'too-large'): Promise<{ status: number; body: string; errorType?: string }> {
    try {
      if (body === 'too-large') throw new CognitoError('RequestEntityTooLargeException', 'Request is too large.', 413);
      const headers = headerMap(request);
      const target = headers['x-amz-target'] ?? '';
      const spec = request.method === 'POST' && path === '/' && target.startsWith(TARGET_PREFIX) ? OPERATIONS[target.slice(TARGET_PREFIX.length)] : undefined;
      if (!spec) throw new CognitoError('UnknownOperationException', target ? `Operation ${target} is not supported by the local Cognito.` : 'Missing X-Amz-Target.');
      if (spec.signed) {
        await authenticateAdminRequest(toSignedRequest(request, headers, body), { credentials: options.credentials, region, acceptedHosts, now: now() });
      }
      return { status: 200, body: JSON.stringify(await spec.run(parseJsonProtocolInput(body, (message) => new CognitoError('SerializationException', message)), services)) };
    } catch (error) {
      if (error instanceof CognitoError) return { status: error.status, body: errorBody(error), errorType: error.type };
      throw error;
    }
  }

  return {
    url,
    port,
    region,
    issuerOverrides: () => Object.fromEntries([...pools.values()].map((pool) => [pool.issuer, `${url}/${pool.id}`])),
    jwksUrl: (userPoolId) => `${url}/${userPoolId}/.well-known/jwks.json`,
    setPools,
    messages: () => messages.list(),
    stop: async () => {
      await Promise.allSettled([...pools.values()].map((pool) => pool.keysReady));
      stopped = true;
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Clients keep connections alive; close them so stop() is prompt.
        server.closeAllConnections();
      });
    },
  };
}

function send(response: ServerResponse, status: number, body: string, contentType = CONTENT_TYPE, errorType?: string): void {
  response.writeHead(status, {
    'content-type': contentType,
    'x-amzn-requestid': randomUUID(),
    'content-length': Buffer.byteLength(body),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
    ...CORS,
  });
  response.end(body);
}



