/**
 * A stand-in for KMS between the engine's KMS data source and the local KMS (the stack's `endpointOverrides` sends the
 * `kms.<region>.amazonaws.com` origin here): it forwards requests unchanged (host and signature included, which the
 * local KMS verifies), or answers as a throttled or failing KMS does, or drops the connection, as the test sets `mode`.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';

export type KmsFaultMode = 'forward' | 'throttle' | 'internal-error' | 'drop';

export interface KmsFaultProxy {
  /** `http://127.0.0.1:<port>`: the endpoint override's target. */
  url: string;
  /** Where `forward` sends requests: the local KMS's URL, known once the stack runs. */
  target?: string;
  mode: KmsFaultMode;
  /** Requests seen, by `x-amz-target` (e.g. `TrentService.VerifyMac`). */
  requests: string[];
  stop(): Promise<void>;
}

const KMS_ERROR_HEADERS = { 'content-type': 'application/x-amz-json-1.1' };

export async function startKmsFaultProxy(): Promise<KmsFaultProxy> {
  const proxy: KmsFaultProxy = { url: '', mode: 'forward', requests: [], stop: async () => {} };
  const server = createServer((incoming, outgoing) => {
    proxy.requests.push(String(incoming.headers['x-amz-target'] ?? ''));
    if (proxy.mode === 'drop') {
      incoming.socket.destroy();
      return;
    }
    if (proxy.mode === 'throttle') {
      incoming.resume();
      outgoing.writeHead(400, KMS_ERROR_HEADERS).end('{"__type":"ThrottlingException","message":"Rate exceeded"}');
      return;
    }
    if (proxy.mode === 'internal-error') {
      incoming.resume();
      outgoing.writeHead(500, KMS_ERROR_HEADERS).end('{"__type":"KMSInternalException","message":"An internal error occurred."}');
      return;
    }
    forward(incoming, outgoing, proxy.target);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  proxy.url = `http://127.0.0.1:${port}`;
  proxy.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}

function forward(incoming: IncomingMessage, outgoing: ServerResponse, target: string | undefined): void {
  if (!target) {
    incoming.resume();
    outgoing.writeHead(502).end('no target');
    return;
  }
  const url = new URL(incoming.url ?? '/', target);
  const upstream = httpRequest(url, { method: incoming.method, headers: incoming.headers }, (answer) => {
    outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(outgoing);
  });
  upstream.on('error', () => outgoing.writeHead(502).end());
  incoming.pipe(upstream);
}
