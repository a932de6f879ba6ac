/**
 * AppSync's real-time endpoint on the engine's HTTP server: WebSocket upgrades of `/graphql/realtime` (the
 * custom-domain form `{graphqlUrl}/realtime`, which aws-appsync-subscription-link derives from any non-AWS URL),
 * subprotocol `graphql-ws`, AppSync's message dialect, and delivery of mutation results to subscriptions.
 *
 * Decisions where the docs are silent: a refused handshake still completes the WebSocket upgrade; the server then
 * answers the first message with `connection_error` (errorType
 * `com.amazonaws.deepdish.graphql.auth#UnauthorizedException`, errorCode 401, as AppSync is observed to send) and
 * closes. `connection_init` is optional, as the docs say. A `ka` follows `connection_ack` at once, then every
 * keep-alive interval. Unparsable or unknown messages get `error` with errorType `UnsupportedOperation`.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { AuthSettings } from '../auth/authenticate.ts';
import type { MutationListener } from '../execute/execute-request.ts';
import type { PreparedApi } from '../execute/prepared-api.ts';
import { FORBIDDEN_HOST } from '../http/own-host.ts';
import { requestErrorBody } from '../http/responses.ts';
import { authenticateHandshake, handshakeHeaders, REALTIME_SUBPROTOCOL } from './handshake-auth.ts';
import {
  DEFAULT_KEEP_ALIVE_INTERVAL_MS,
  isConnectionInit,
  isStart,
  isStop,
  messageIdOf,
  messageTypeOf,
  serverMessages,
  type StartMessage,
} from './messages.ts';
import { validInvalidations, type Invalidation } from './invalidation.ts';
import { startSubscription, type ActiveSubscription } from './start-subscription.ts';

/** The path of the real-time endpoint (`{graphqlUrl}/realtime`). */
const REALTIME_PATH = '/graphql/realtime';

/** What the real-time server reads from the engine for every handshake and start. */
export interface RealtimeServerOptions {
  /** The current API and auth settings (the engine swaps them on reload). */
  current(): { prepared: PreparedApi; auth: AuthSettings };
  /** @default 60000 (AppSync's interval); tests shorten it. */
  keepAliveIntervalMs?: number;
  /** Whether an upgrade's Host header names the engine; other upgrades get 403 before any WebSocket exists. */
  acceptsHost(host: string | undefined): boolean;
}

/** A running real-time endpoint. */
export interface RealtimeServer {
  /**
   * Applies one successful mutation field's subscription invalidations, then delivers its result to the matching
   * subscriptions (pass to executeRequest).
   */
  publish: MutationListener;
  /** Open WebSocket connections. */
  connectionCount(): number;
  /** Closes every connection and stops listening for upgrades. */
  close(): Promise<void>;
}

const CONNECTION_ERROR = {
  errorType: 'com.amazonaws.deepdish.graphql.auth#UnauthorizedException',
  message: 'You are not authorized to make this call.',
  errorCode: 401,
};

/** How long a connection whose handshake was refused may stay open without sending anything. */
const REFUSED_IDLE_CLOSE_MS = 10_000;

/** One client connection. */
class Connection {
  readonly subscriptions = new Map<string, ActiveSubscription>();
  private queue: Promise<void> = Promise.resolve();
  private keepAlive: NodeJS.Timeout | undefined;
  private acknowledged = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly handshake: Promise<boolean>,
    private readonly sourceIp: string,
    private readonly options: RealtimeServerOptions,
  ) {
    socket.on('message', (raw) => {
      // One message at a time, in order: a start_ack must precede data for events published after it.
      this.queue = this.queue.then(() => this.handle(raw)).catch((error: unknown) => {
        console.error(`[appsync-realtime] internal failure: ${error instanceof Error ? error.name : typeof error}`);
      });
    });
    socket.on('close', () => this.dispose());
    // A refused client that never sends anything would otherwise hold its socket forever.
    void handshake.then((ok) => {
      if (ok) return;
      const timer = setTimeout(() => this.refuse(), REFUSED_IDLE_CLOSE_MS);
      timer.unref();
      socket.once('close', () => clearTimeout(timer));
    });
  }

  private refuse(): void {
    this.send(serverMessages.connectionError([CONNECTION_ERROR]));
    this.socket.close(1000);
  }

  send(message: unknown): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  /**
   * Unsubscribes every subscription `invalidation` reaches, answering each with `complete` (the protocol's
   * server-side end of a subscription; AppSync's exact message for an invalidation is not documented). The socket
   * stays open: other subscriptions on it are unaffected.
   */
  invalidate(invalidation: Invalidation): void {
    for (const [id, subscription] of this.subscriptions) {
      if (subscription.fieldName !== invalidation.subscriptionField || !subscription.invalidatedBy(invalidation.payload)) continue;
      this.subscriptions.delete(id);
      this.send(serverMessages.complete(id));
    }
  }

  dispose(): void {
    clearInterval(this.keepAlive);
    this.subscriptions.clear();
  }

  private acknowledge(): void {
    if (this.acknowledged) return;
    this.acknowledged = true;
    this.send(serverMessages.connectionAck());
    this.send(serverMessages.keepAlive());
    this.keepAlive = setInterval(() => this.send(serverMessages.keepAlive()), this.options.keepAliveIntervalMs ?? DEFAULT_KEEP_ALIVE_INTERVAL_MS);
    this.keepAlive.unref();
  }

  private async handle(raw: RawData): Promise<void> {
    if (!(await this.handshake)) {
      this.refuse();
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(raw.toString());
    } catch {
      message = null;
    }
    if (isConnectionInit(message)) this.acknowledge();
    else if (isStart(message)) await this.start(message);
    else if (isStop(message)) {
      this.subscriptions.delete(message.id);
      this.send(serverMessages.complete(message.id));
    } else {
      const type = messageTypeOf(message);
      this.send(serverMessages.error(messageIdOf(message), [{ errorType: 'UnsupportedOperation', message: `${type} not supported through the realtime channel` }]));
    }
  }

  private async start(message: StartMessage): Promise<void> {
    const { prepared, auth } = this.options.current();
    const outcome = await startSubscription(message.id, message.payload.data, message.payload.extensions.authorization, {
      prepared,
      auth,
      sourceIp: this.sourceIp,
    });
    if ('errors' in outcome) {
      this.send(serverMessages.error(message.id, outcome.errors));
      return;
    }
    this.subscriptions.set(message.id, outcome);
    this.send(serverMessages.startAck(message.id));
  }
}

function sourceIpOf(request: IncomingMessage): string {
  return (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
}

/** Serves the real-time protocol on `httpServer`'s upgrades of {@link REALTIME_PATH}; other upgrades are refused. */
export function attachRealtimeServer(httpServer: Server, options: RealtimeServerOptions): RealtimeServer {
  const connections = new Set<Connection>();
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has(REALTIME_SUBPROTOCOL) ? REALTIME_SUBPROTOCOL : false),
  });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!options.acceptsHost(request.headers.host)) {
      const body = JSON.stringify(requestErrorBody(FORBIDDEN_HOST.errorType, FORBIDDEN_HOST.message));
      socket.end(
        `HTTP/1.1 ${FORBIDDEN_HOST.status} Forbidden\r\nContent-Type: application/json; charset=UTF-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    if (new URL(request.url ?? '/', 'http://local').pathname !== REALTIME_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const sourceIp = sourceIpOf(request);
    // Authenticate while the upgrade completes; the verdict is awaited before any message is handled.
    const handshake = authenticateHandshake(handshakeHeaders(request), sourceIp, options.current().auth).then(
      (result) => result.ok,
      () => false,
    );
    wss.handleUpgrade(request, socket, head, (webSocket) => {
      const connection = new Connection(webSocket, handshake, sourceIp, options);
      connections.add(connection);
      webSocket.on('close', () => connections.delete(connection));
    });
  };
  httpServer.on('upgrade', onUpgrade);

  return {
    publish(event) {
      // Invalidations first: a subscriber removed by this mutation must not receive its result.
      for (const invalidation of validInvalidations(event.invalidations)) {
        for (const connection of connections) connection.invalidate(invalidation);
      }
      for (const connection of connections) {
        for (const subscription of connection.subscriptions.values()) {
          if (!subscription.mutations.has(event.fieldName)) continue;
          const data = subscription.payloadFor(event.result);
          if (data) connection.send(serverMessages.data(subscription.id, data));
        }
      }
    },
    connectionCount: () => connections.size,
    close: () =>
      new Promise<void>((resolve) => {
        httpServer.off('upgrade', onUpgrade);
        for (const client of wss.clients) client.terminate();
        for (const connection of connections) connection.dispose();
        connections.clear();
        wss.close(() => resolve());
      }),
  };
}
