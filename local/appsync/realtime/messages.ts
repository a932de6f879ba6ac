/**
 * The messages of AppSync's real-time protocol (subprotocol `graphql-ws`, AppSync dialect), per
 * "Building a real-time WebSocket client in AWS AppSync": type guards for what clients send, builders for
 * what the server sends.
 */

/** Authorization headers carried by a `start` message (same shape as the handshake header). */
export type AuthorizationHeaders = Record<string, string>;

/** `{type: "connection_init"}` (payload ignored). */
export interface ConnectionInitMessage {
  type: 'connection_init';
}

/** Registers one subscription. `payload.data` is the JSON text of `{query, variables}`. */
export interface StartMessage {
  type: 'start';
  id: string;
  payload: { data: string; extensions: { authorization: AuthorizationHeaders } };
}

/** Unregisters one subscription. */
export interface StopMessage {
  type: 'stop';
  id: string;
}

/** One entry of an error payload. */
export interface RealtimeError {
  errorType: string;
  message?: string;
  errorCode?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((item) => typeof item === 'string');
}

/** `connection_init`. */
export function isConnectionInit(message: unknown): message is ConnectionInitMessage {
  return isRecord(message) && message.type === 'connection_init';
}

/** A well-formed `start` (an id, a string `data`, string-valued authorization headers). */
export function isStart(message: unknown): message is StartMessage {
  if (!isRecord(message) || message.type !== 'start' || typeof message.id !== 'string' || message.id === '') return false;
  const payload = message.payload;
  if (!isRecord(payload) || typeof payload.data !== 'string') return false;
  return isRecord(payload.extensions) && isStringRecord(payload.extensions.authorization);
}

/** `stop` with an id. */
export function isStop(message: unknown): message is StopMessage {
  return isRecord(message) && message.type === 'stop' && typeof message.id === 'string';
}

/** The `type` of an arbitrary message, for error messages (`unknown` when absent). */
export function messageTypeOf(message: unknown): string {
  return isRecord(message) && typeof message.type === 'string' ? message.type : 'unknown';
}

/** The `id` of an arbitrary message, if it has one. */
export function messageIdOf(message: unknown): string | undefined {
  return isRecord(message) && typeof message.id === 'string' ? message.id : undefined;
}

/** AppSync's keep-alive interval when nothing else is configured (the docs: about every minute). */
export const DEFAULT_KEEP_ALIVE_INTERVAL_MS = 60_000;
/** What AppSync announces in `connection_ack`. */
const CONNECTION_TIMEOUT_MS = 300_000;

/** Server → client messages. */
export const serverMessages = {
  connectionAck: () => ({ type: 'connection_ack', payload: { connectionTimeoutMs: CONNECTION_TIMEOUT_MS } }),
  connectionError: (errors: RealtimeError[]) => ({ type: 'connection_error', payload: { errors } }),
  keepAlive: () => ({ type: 'ka' }),
  startAck: (id: string) => ({ type: 'start_ack', id }),
  data: (id: string, data: unknown) => ({ type: 'data', id, payload: { data } }),
  complete: (id: string) => ({ type: 'complete', id }),
  error: (id: string | undefined, errors: RealtimeError[]) => ({ type: 'error', ...(id === undefined ? {} : { id }), payload: { errors } }),
};
