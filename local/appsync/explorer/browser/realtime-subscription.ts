/**
 * Subscriptions over AppSync's real-time protocol (subprotocol `graphql-ws`, AppSync's dialect, see
 * local/appsync/realtime/README.md): one WebSocket per subscription, handshake auth in the `header-<base64url>`
 * subprotocol (the form aws-appsync-subscription-link sends; the `?header=` query form would put the API key or token
 * in the URL), `connection_init` → `connection_ack`, `start` with `data` and `extensions.authorization` → `start_ack`,
 * then `data` until `complete`/`error`; `stop` when GraphiQL's stop button unsubscribes. `ka` is ignored.
 */
import type { ExplorerConfig } from '../explorer-config.ts';
import { authorizationHeaders, type SelectedAuth } from './auth-headers.ts';
import type { GraphQLParams, Observable, Observer } from './graphiql-types.ts';

/** Headers AppSync's clients sign for the handshake and `start` (the real-time documentation's set). */
const REALTIME_SIGNED_HEADERS = {
  accept: 'application/json, text/javascript',
  'content-encoding': 'amz-1.0',
  'content-type': 'application/json; charset=UTF-8',
};

/** What the page shows about a subscription's life (the status line next to the auth selector). */
export type SubscriptionStatus = (text: string) => void;

/** Base64url without padding: the only form a WebSocket subprotocol token can carry. */
export function base64UrlJson(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The WebSocket URL of the real-time endpoint on the page's own origin. */
function realtimeUrl(config: ExplorerConfig): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${config.realtimePath}`;
}

interface ServerMessage {
  type?: string;
  id?: string;
  payload?: { data?: unknown; errors?: unknown[] };
}

/** A subscription as a GraphiQL observable: subscribing opens the socket, unsubscribing stops and closes it. */
export function realtimeSubscription(
  params: GraphQLParams,
  auth: SelectedAuth,
  config: ExplorerConfig,
  status: SubscriptionStatus,
): Observable {
  return {
    subscribe(observer: Observer) {
      const id = crypto.randomUUID();
      const data = JSON.stringify({ query: params.query, variables: params.variables ?? {} });
      let socket: WebSocket | undefined;
      let ended = false;

      const end = (report: () => void): void => {
        if (ended) return;
        ended = true;
        socket?.close();
        report();
      };
      const fail = (errors: unknown[] | undefined, fallback: string): void => {
        if (ended) return;
        status(`Subscription failed: ${fallback}`);
        end(() => {
          observer.next({ errors: errors && errors.length > 0 ? errors : [{ message: fallback }] });
          observer.complete();
        });
      };

      const onMessage = async (message: ServerMessage, open: WebSocket): Promise<void> => {
        switch (message.type) {
          case 'connection_ack': {
            const authorization = await authorizationHeaders(auth, config, location.host, {
              path: config.graphqlPath,
              body: data,
              headers: REALTIME_SIGNED_HEADERS,
            });
            if (!ended) open.send(JSON.stringify({ type: 'start', id, payload: { data, extensions: { authorization } } }));
            return;
          }
          case 'start_ack':
            status('Subscription listening: waiting for events…');
            return;
          case 'data':
            if (message.id === id && message.payload) observer.next(message.payload as Record<string, unknown>);
            return;
          case 'complete':
            status('Subscription ended by the server.');
            end(() => observer.complete());
            return;
          case 'error':
            fail(message.payload?.errors, 'the server refused the subscription');
            return;
          case 'connection_error':
            fail(message.payload?.errors, 'the server refused the connection');
            return;
          default:
            return; // `ka` and anything newer
        }
      };

      const open = async (): Promise<void> => {
        status('Subscription connecting…');
        const handshake = await authorizationHeaders(auth, config, location.host, {
          path: `${config.graphqlPath}/connect`,
          body: '{}',
          headers: REALTIME_SIGNED_HEADERS,
        });
        if (ended) return;
        const ws = new WebSocket(realtimeUrl(config), ['graphql-ws', `header-${base64UrlJson(handshake)}`]);
        socket = ws;
        ws.onopen = () => ws.send(JSON.stringify({ type: 'connection_init' }));
        ws.onmessage = (event: MessageEvent) => {
          let message: ServerMessage;
          try {
            message = JSON.parse(String(event.data)) as ServerMessage;
          } catch {
            return;
          }
          onMessage(message, ws).catch((error: unknown) => fail(undefined, error instanceof Error ? error.message : String(error)));
        };
        ws.onclose = (event: CloseEvent) => fail(undefined, `the connection closed (code ${event.code})`);
      };
      open().catch((error: unknown) => fail(undefined, error instanceof Error ? error.message : String(error)));

      return {
        unsubscribe() {
          if (ended) return;
          if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'stop', id }));
          status('Subscription stopped.');
          end(() => undefined);
        },
      };
    },
  };
}
