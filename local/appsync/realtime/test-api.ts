/**
 * Test support for the real-time suites: a hand-built API (NONE data source, a publish mutation, subscriptions
 * with argument filters, an enhanced filter, IAM-only auth and a refusing resolver), the engine started on it,
 * a raw `ws` client that queues messages, and request signing.
 */
import WebSocket from 'ws';
import type { ApiConfig, ResolverConfig } from '../../stack-description.ts';
import { signGraphqlRequest } from '../../test-support/sign-graphql.ts';
import { startAppSyncServer, type AppSyncServer } from '../server.ts';

export const REGION = 'eu-west-1';
export const API_KEY = 'da2-realtimetest000000000000';
export const IAM = { accessKeyId: 'AKIDREALTIME', secretAccessKey: 'realtime-secret' };
/** Generous: the machine is shared and loaded. */
export const WAIT_MS = 20_000;

const runtime = { name: 'APPSYNC_JS' as const, runtimeVersion: '1.0.0' };

const schema = /* GraphQL */ `
  type Query { ping: String }
  type Mutation {
    publish(channel: String!, severity: Int!, message: String): Event @aws_api_key @aws_iam
    removeMember(channel: String!, member: String!): Event @aws_api_key @aws_iam
  }
  type Event @aws_api_key @aws_iam {
    channel: String!
    severity: Int!
    message: String
  }
  type Subscription {
    onPublish(channel: String, severity: Int): Event @aws_subscribe(mutations: ["publish"]) @aws_api_key @aws_iam
    onSevere(minSeverity: Int!): Event @aws_subscribe(mutations: ["publish"]) @aws_api_key @aws_iam
    onIamOnly: Event @aws_subscribe(mutations: ["publish"]) @aws_iam
    onRefused: Event @aws_subscribe(mutations: ["publish"]) @aws_api_key
    onChannel(channel: String!, member: String!): Event @aws_subscribe(mutations: ["publish"]) @aws_api_key @aws_iam
  }
`;

function noneResolver(typeName: string, fieldName: string, code: string): ResolverConfig {
  return { typeName, fieldName, kind: 'UNIT', dataSource: 'none', code, runtime };
}

/** The API the real-time suites run against. */
function realtimeTestApi(): ApiConfig {
  return {
    logicalId: 'Api',
    name: 'realtime-test',
    schema,
    defaultAuth: 'API_KEY',
    additionalAuth: ['AWS_IAM'],
    apiKeys: [{ logicalId: 'Key', id: API_KEY, expires: Math.floor(Date.now() / 1000) + 3600 }],
    environmentVariables: {},
    dataSources: { none: { name: 'none', type: 'NONE' } },
    functions: {},
    resolvers: [
      noneResolver('Mutation', 'publish', `export function request(ctx) { return { payload: ctx.args }; }
        export function response(ctx) { return ctx.result; }`),
      noneResolver('Subscription', 'onSevere', `import { util, extensions } from '@aws-appsync/utils';
        export function request(ctx) { return { payload: null }; }
        export function response(ctx) {
          extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ severity: { ge: ctx.args.minSeverity } }));
          return null;
        }`),
      // The invalidation doc's pattern: the subscription sets an invalidation filter, a mutation invalidates.
      noneResolver('Subscription', 'onChannel', `import { util, extensions } from '@aws-appsync/utils';
        export function request(ctx) { return { payload: null }; }
        export function response(ctx) {
          extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ channel: { eq: ctx.args.channel } }));
          extensions.setSubscriptionInvalidationFilter(util.transform.toSubscriptionFilter({
            channel: { eq: ctx.args.channel }, member: { eq: ctx.args.member },
          }));
          return null;
        }`),
      noneResolver('Mutation', 'removeMember', `import { extensions } from '@aws-appsync/utils';
        export function request(ctx) { return { payload: ctx.args }; }
        export function response(ctx) {
          extensions.invalidateSubscriptions({ subscriptionField: 'onChannel', payload: ctx.args });
          return { channel: ctx.args.channel, severity: 0 };
        }`),
      noneResolver('Subscription', 'onRefused', `import { util } from '@aws-appsync/utils';
        export function request(ctx) { return { payload: null }; }
        export function response(ctx) { util.unauthorized(); }`),
    ],
  };
}

/** Starts the engine on {@link realtimeTestApi}; DynamoDB is never called (NONE data source only). */
export function startRealtimeTestServer(keepAliveIntervalMs?: number): Promise<AppSyncServer> {
  return startAppSyncServer({
    api: realtimeTestApi(),
    dynamodb: { endpoint: 'http://127.0.0.1:9', region: REGION },
    region: REGION,
    iamCredentials: IAM,
    ...(keepAliveIntervalMs === undefined ? {} : { realtime: { keepAliveIntervalMs } }),
  });
}

/** Runs the publish mutation with the API key; returns the response body. */
export async function publish(server: AppSyncServer, channel: string, severity: number, message = 'hello'): Promise<unknown> {
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
    body: JSON.stringify({
      query: 'mutation P($c: String!, $s: Int!, $m: String) { publish(channel: $c, severity: $s, message: $m) { channel severity message } }',
      variables: { c: channel, s: severity, m: message },
    }),
  });
  return response.json();
}

/** Runs the removeMember mutation (which invalidates onChannel subscriptions) with the API key. */
export async function removeMember(server: AppSyncServer, channel: string, member: string): Promise<unknown> {
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
    body: JSON.stringify({
      query: 'mutation R($c: String!, $m: String!) { removeMember(channel: $c, member: $m) { channel } }',
      variables: { c: channel, m: member },
    }),
  });
  return response.json();
}

/**
 * SigV4 headers (service appsync) of a POST of `body` to `url`, as AppSync's real-time clients send them.
 * `signHost: false` leaves `host` out of the signed headers (a signature a careless client could make).
 */
export async function iamHeaders(url: string, body: string, { signHost = true }: { signHost?: boolean } = {}): Promise<Record<string, string>> {
  const headers = { accept: 'application/json, text/javascript', 'content-encoding': 'amz-1.0', 'content-type': 'application/json; charset=UTF-8' };
  return signGraphqlRequest({ url, body, credentials: IAM, region: REGION, headers, signHost });
}

/** The API-key authorization headers. */
export function apiKeyHeaders(server: AppSyncServer): Record<string, string> {
  return { host: new URL(server.graphqlUrl).host, 'x-api-key': API_KEY };
}

/** A message the server sent. */
export interface ServerMessage {
  type: string;
  id?: string;
  payload?: { data?: unknown; errors?: { errorType: string; message?: string; errorCode?: number }[]; connectionTimeoutMs?: number };
}

/** A raw `ws` connection that queues what the server sends. */
export class RawClient {
  private readonly received: ServerMessage[] = [];
  private waiters: (() => void)[] = [];
  closed = false;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (raw: WebSocket.RawData) => {
      this.received.push(JSON.parse(raw.toString()) as ServerMessage);
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }

  /** Opens `url` with `protocols` and resolves once the socket is open. */
  static async open(url: string, protocols: string[]): Promise<RawClient> {
    const socket = new WebSocket(url, protocols);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new RawClient(socket);
  }

  /** Opens with the handshake headers in `?header=…&payload=e30=` (the documented form). */
  static openWithQuery(server: AppSyncServer, headers: Record<string, string>): Promise<RawClient> {
    const header = Buffer.from(JSON.stringify(headers)).toString('base64');
    return RawClient.open(`${server.realtimeUrl}?header=${encodeURIComponent(header)}&payload=e30=`, ['graphql-ws']);
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Removes and returns the first queued message matching `predicate`, waiting for it if needed. */
  async next(predicate: (message: ServerMessage) => boolean = (message) => message.type !== 'ka'): Promise<ServerMessage> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const index = this.received.findIndex(predicate);
      if (index >= 0) return this.received.splice(index, 1)[0]!;
      if (this.closed) throw new Error(`socket closed; unmatched messages: ${JSON.stringify(this.received)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching message; received: ${JSON.stringify(this.received)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Messages received so far for subscription `id`, without waiting. */
  pending(id: string): ServerMessage[] {
    return this.received.filter((message) => message.id === id);
  }

  /** `connection_init` → `connection_ack`. */
  async init(): Promise<ServerMessage> {
    this.send({ type: 'connection_init' });
    return this.next((message) => message.type === 'connection_ack' || message.type === 'connection_error');
  }

  /** Sends `start` and returns the `start_ack` or `error` for it. */
  async start(id: string, query: string, authorization: Record<string, string>, variables: Record<string, unknown> = {}): Promise<ServerMessage> {
    const data = JSON.stringify({ query, variables });
    this.send({ type: 'start', id, payload: { data, extensions: { authorization } } });
    return this.next((message) => message.id === id && (message.type === 'start_ack' || message.type === 'error'));
  }

  close(): void {
    this.socket.close();
  }
}
