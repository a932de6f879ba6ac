/**
 * The local AppSync GraphQL endpoint: `POST /graphql` over Node's http server, AppSync-shaped answers.
 *
 * Decisions on AppSync behaviour (see the comments where each is applied):
 * - a Host header that does not name the engine (DNS rebinding): HTTP 403 `ForbiddenHost` (ours; http/own-host.ts);
 * - request-level auth failures: HTTP 401 `{"errors":[{"errorType":"UnauthorizedException","message":"You are not authorized to make this call."}]}`;
 * - malformed JSON / missing query / oversized body: HTTP 400, errorType MalformedHttpRequestException
 *   (the wording of AppSync's body-parsing failures is not documented; these messages are ours);
 * - GraphQL validation and variable errors: HTTP 200, `data: null` (execute/execute-request.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { headerMap, toSignedRequest } from './http/signed-request.ts';
import type { ApiConfig } from '../stack-description.ts';
import { DEFAULT_API_KEY_LIFETIME_SECONDS } from './auth/api-key.ts';
import { authenticate, type AuthSettings } from './auth/authenticate.ts';
import { TokenAuthenticator } from './auth/token-auth.ts';
import { withLocalUser, type CredentialLookup } from './auth/credential-store.ts';
import type { IamCredentials } from './auth/sigv4.ts';
import { checkApiCode } from './code-check/check-api-code.ts';
import { createDataSources } from './data-sources/create-data-sources.ts';
import type { HttpDataSourceOptions } from './data-sources/http-data-source.ts';
import { createDynamoDbJsonClient } from './data-sources/dynamodb/dynamodb-json-client.ts';
import { DynamoDbStats, type DynamoDbStatsSnapshot } from './data-sources/dynamodb/stats.ts';
import { EVALUATE_CODE_PATH, handleEvaluateCode } from './evaluate-code/handle-evaluate-code.ts';
import { SETTLE_PATH } from '../endpoints.ts';
import { executeRequest, type GraphQLRequestBody } from './execute/execute-request.ts';
import { explorerConfig } from './explorer/explorer-config.ts';
import { handleExplorerGet } from './explorer/serve-explorer.ts';
import { prepareApi, type PreparedApi } from './execute/prepared-api.ts';
import { answerPreflight } from './http/cors.ts';
import { createHostCheck, FORBIDDEN_HOST } from './http/own-host.ts';
import { MAX_REQUEST_BYTES, readBody } from './http/read-body.ts';
import { sendJson, sendRequestError } from './http/responses.ts';
import { attachRealtimeServer } from './realtime/realtime-server.ts';
import type { Clock } from './runtime/clock.ts';
import { listen } from '../util/listen.ts';

/** How to start the local AppSync endpoint. */
export interface AppSyncServerOptions {
  api: ApiConfig;
  /** `onWrite`: called as each DynamoDB write a resolver makes is answered (the local stack's stream pollers' pace). */
  dynamodb: { endpoint: string; region: string; onWrite?: () => void };
  region: string;
  /**
   * Credentials of the local IAM user: requests signed with them get `ctx.identity.userArn`
   * `arn:aws:iam::000000000000:user/local` (`.local/endpoints.json`'s `iam`).
   */
  iamCredentials?: IamCredentials;
  /**
   * Further credentials SigV4 requests may be signed with, each reported as its own principal. Read at every request,
   * so the owner may add and remove credentials while the engine runs (the local stack registers each function's).
   * Credentials in neither option are refused.
   */
  iamPrincipals?: CredentialLookup;
  /**
   * HTTP data sources: the credentials AWS_IAM ones sign with (AppSync uses their ServiceRoleArn's), endpoint
   * overrides to local counterparts (the signature stays that of the original host), the call timeout.
   */
  httpDataSources?: HttpDataSourceOptions;
  /** 0 or absent: a free port. */
  port?: number;
  /** @default 127.0.0.1 */
  host?: string;
  /** Real-time endpoint (`/graphql/realtime`) settings; the keep-alive interval defaults to AppSync's 60 s. */
  realtime?: { keepAliveIntervalMs?: number };
  /**
   * OIDC and user pool token issuers served elsewhere: issuer URL (a template's OIDC `Issuer`, or a pool's
   * `https://cognito-idp.<region>.amazonaws.com/<poolId>`) → the base URL whose `/.well-known/openid-configuration`
   * describes it, e.g. a {@link startLocalOidcIssuer} started with that issuer name. Issuers not listed are fetched
   * from their own URL.
   */
  issuerOverrides?: Readonly<Record<string, string>>;
  /** How long a Lambda authorizer may run before the request is refused (AppSync: 10 s). */
  lambdaAuthorizerTimeoutMs?: number;
  /**
   * The time resolvers see (`util.time`, in APPSYNC_JS and VTL), e.g. an `adjustableClock()` a test moves past a
   * code's lifetime. Key expiry, token and signature checks keep the machine's clock (runtime/clock.ts).
   * @default the machine's clock
   */
  clock?: Clock;
  /**
   * The local stack's settle barrier (LocalStack.settled), served at `POST /_appsync-local/settled` ({@link SETTLE_PATH})
   * for tests in other processes: 204 once it resolves, 503 `NotSettled` with the reason when it rejects. Absent: 404.
   */
  settled?: () => Promise<void>;
}

/** Counters for benchmarks. */
export interface AppSyncServerStats {
  /** POST /graphql requests that reached execution (authenticated, well-formed). */
  graphqlRequests: number;
  dynamodb: DynamoDbStatsSnapshot;
}

/** A running local AppSync endpoint. */
export interface AppSyncServer {
  /** http://127.0.0.1:PORT/graphql */
  graphqlUrl: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  /** ws://127.0.0.1:PORT/graphql/realtime (AppSync's real-time protocol). */
  realtimeUrl: string;
  /** Swaps in a new API definition (schema, resolvers, code); in-flight requests finish with the old one. */
  reload(api: ApiConfig): void;
  /** DynamoDB calls by operation and consumed capacity since start (or the last resetStats). */
  stats(): AppSyncServerStats;
  resetStats(): void;
  stop(): Promise<void>;
}

const GRAPHQL_PATH = '/graphql';


function sourceIpOf(request: IncomingMessage): string {
  return (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
}


/** Parses the POST body; a string is the 400 message to answer with. */
function parseGraphQLBody(text: string): GraphQLRequestBody | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'Invalid JSON payload in POST request.';
  }
  if (parsed === null || typeof parsed !== 'object' || typeof (parsed as GraphQLRequestBody).query !== 'string') {
    return 'Unable to parse GraphQL query.';
  }
  const { query, variables, operationName } = parsed as GraphQLRequestBody;
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
    return 'Variables must be a JSON object.';
  }
  return { query, variables: variables ?? null, operationName: typeof operationName === 'string' ? operationName : null };
}

/** Starts the endpoint and resolves once it listens. Throws when the API definition is invalid. */
export async function startAppSyncServer(options: AppSyncServerOptions): Promise<AppSyncServer> {
  const stats = new DynamoDbStats();
  const dynamodb = createDynamoDbJsonClient({
    endpoint: options.dynamodb.endpoint,
    region: options.dynamodb.region,
    onWrite: options.dynamodb.onWrite,
    // DynamoDB Local accepts any credentials; never pick up the developer's real ones.
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  // The code is checked with AppSync's language rules first: code AppSync would refuse to deploy never loads.
  const prepare = (api: ApiConfig): PreparedApi => {
    checkApiCode(api);
    return prepareApi(api, createDataSources(api.dataSources, dynamodb, stats, options.httpDataSources), { clock: options.clock });
  };
  let prepared = prepare(options.api);
  let graphqlRequests = 0;
  // Keys without an expiry get AppSync's default lifetime, counted from the engine's start.
  const defaultKeyExpires = Math.floor(Date.now() / 1000) + DEFAULT_API_KEY_LIFETIME_SECONDS;
  // The local user's credentials first, then the caller's lookup.
  const credentials = withLocalUser(options.iamCredentials, options.iamPrincipals);
  // Key sets and cached Lambda authorizer answers outlive reloads (cache entries are keyed by the authorizer's ARN).
  const tokens = new TokenAuthenticator({
    ...(options.issuerOverrides ? { issuerOverrides: options.issuerOverrides } : {}),
    ...(options.lambdaAuthorizerTimeoutMs !== undefined ? { lambdaAuthorizerTimeoutMs: options.lambdaAuthorizerTimeoutMs } : {}),
  });
  // Set once the port is known; nothing can connect before that.
  let acceptsHost: (host: string | undefined) => boolean = () => false;

  const authSettings = (current: PreparedApi): AuthSettings => ({
    api: current.api,
    credentials,
    acceptsHost: (host) => acceptsHost(host),
    region: options.region,
    defaultKeyExpires,
    tokens,
  });

  async function handleGraphQL(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    if (body === 'too-large') {
      sendRequestError(response, 400, 'MalformedHttpRequestException', `Request body exceeds the maximum size of ${MAX_REQUEST_BYTES} bytes.`);
      return;
    }
    const headers = headerMap(request);
    const current = prepared;
    const settings = authSettings(current);
    const auth = await authenticate(toSignedRequest(request, headers, body), sourceIpOf(request), settings);
    if (!auth.ok) {
      sendRequestError(response, 401, 'UnauthorizedException', auth.message);
      return;
    }
    const parsed = parseGraphQLBody(body);
    if (typeof parsed === 'string') {
      sendRequestError(response, 400, 'MalformedHttpRequestException', parsed);
      return;
    }
    graphqlRequests += 1;
    const result = await executeRequest(current, parsed, { mode: auth.mode, identity: auth.identity, ...(auth.deniedFields ? { deniedFields: auth.deniedFields } : {}), headers, domainName: null }, realtime.publish);
    sendJson(response, 200, result.body, undefined, result.responseHeaders);
  }

  // What the explorer page is told: the current API's keys and modes, and the credentials it signs IAM requests with.
  const explorerSettings = () =>
    explorerConfig(prepared.api, {
      graphqlPath: GRAPHQL_PATH,
      realtimePath: `${GRAPHQL_PATH}/realtime`,
      region: options.region,
      iamCredentials: options.iamCredentials,
      defaultKeyExpires,
    });

  // requireHostHeader off: Node would answer a missing Host with its own 400; the Host check answers it with 403.
  const server = createServer({ requireHostHeader: false }, (request, response) => {
    // First of all: a rebound page must not read anything, not even the explorer (it carries the API key).
    if (!acceptsHost(request.headers.host)) {
      sendRequestError(response, FORBIDDEN_HOST.status, FORBIDDEN_HOST.errorType, FORBIDDEN_HOST.message);
      return;
    }
    const path = new URL(request.url ?? '/', 'http://local').pathname;
    if (request.method === 'OPTIONS') {
      answerPreflight(response);
      return;
    }
    // GraphiQL at / (and /graphql for a browser), its bundle under /explorer/ (explorer/serve-explorer.ts).
    if (request.method === 'GET' && handleExplorerGet(request, response, path, { graphqlPath: GRAPHQL_PATH, config: explorerSettings })) return;
    if (path === EVALUATE_CODE_PATH && request.method === 'POST') {
      void handleEvaluateCode(request, response, { credentials, region: options.region });
      return;
    }
    if (path === SETTLE_PATH && request.method === 'POST' && options.settled) {
      request.resume();
      options.settled().then(
        () => response.writeHead(204).end(),
        (error: unknown) => sendRequestError(response, 503, 'NotSettled', error instanceof Error ? error.message : String(error)),
      );
      return;
    }
    if (path !== GRAPHQL_PATH || request.method !== 'POST') {
      sendRequestError(response, 404, 'NotFoundException', `No route for ${request.method} ${path}`);
      return;
    }
    handleGraphQL(request, response).catch((error: unknown) => {
      // Only the error's name reaches the log: messages may carry request data.
      console.error(`[appsync] internal failure: ${error instanceof Error ? error.name : typeof error}`);
      if (!response.headersSent) sendRequestError(response, 500, 'InternalFailureException', 'An internal failure occurred.');
    });
  });

  const realtime = attachRealtimeServer(server, {
    current: () => ({ prepared, auth: authSettings(prepared) }),
    keepAliveIntervalMs: options.realtime?.keepAliveIntervalMs,
    acceptsHost: (host) => acceptsHost(host),
  });

  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 0, host);
  acceptsHost = createHostCheck(host, port);
  const origin = `http://${host}:${port}`;

  return {
    graphqlUrl: `${origin}${GRAPHQL_PATH}`,
    origin,
    port,
    realtimeUrl: `ws://${host}:${port}${GRAPHQL_PATH}/realtime`,
    reload(api) {
      prepared = prepare(api);
    },
    stats: () => ({ graphqlRequests, dynamodb: stats.snapshot() }),
    resetStats() {
      graphqlRequests = 0;
      stats.reset();
    },
    stop: async () => {
      // Upgraded sockets are no longer the HTTP server's: the real-time server closes them.
      await realtime.close();
      return new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          dynamodb.destroy();
          if (error) reject(error);
          else resolve();
        });
      });
    },
  };
}
