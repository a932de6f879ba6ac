import type { Server } from 'node:http';
import sesModule from 'aws-ses-v2-local';
import { assertPortFree, freePort } from '../util/free-port.ts';
import { startSandboxFront } from './ses-sandbox.ts';

/** A running aws-ses-v2-local server (SES v1 + v2 API, inbox viewer at `/`, mail list at `GET /store`). */
export interface SesLocal {
  /** Base URL, `http://127.0.0.1:PORT`: the SES endpoint, the inbox viewer (`/`) and `GET /store`. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface SesLocalOptions {
  /** A fixed port; a free one is chosen when absent. */
  port?: number;
  /**
   * Model an account in the SES sandbox: sends to a recipient for which this returns false are refused with
   * `MessageRejected`, as SES refuses unverified recipients. Absent: every recipient is accepted.
   */
  sandboxVerifiedRecipient?: (address: string) => boolean;
  /** Region named in sandbox refusals. @default 'us-east-1' */
  region?: string;
}

/**
 * Starts aws-ses-v2-local in this process on 127.0.0.1.
 *
 * The package keeps its mailbox in module state, so every server started in one process shares one store
 * (`POST /clear-store` empties it). Point the SDK at it with `endpoint: url` or `AWS_ENDPOINT_URL_SES=url`;
 * any credentials are accepted, but requests must be signed (it rejects requests without an AWS Authorization header).
 *
 * @example
 * ```ts
 * const ses = await startSesLocal();
 * const client = new SESClient({ endpoint: ses.url, region: 'us-east-1' });
 * // … send, then: await fetch(`${ses.url}/store`)
 * await ses.stop();
 * ```
 */
// A CommonJS module compiled from ESM: Node's ESM loader hands over `module.exports` (with `.default` inside),
// bundlers and vitest hand over `.default` itself.
type StartServer = typeof sesModule;
const server: StartServer =
  (sesModule as unknown as { default?: StartServer }).default ?? sesModule;

export async function startSesLocal(options: SesLocalOptions = {}): Promise<SesLocal> {
  if (options.port) await assertPortFree(options.port, 'local SES');
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  if (options.sandboxVerifiedRecipient) {
    const innerPort = await freePort();
    const inner: Server = await server({ host: '127.0.0.1', port: innerPort });
    const front = await startSandboxFront({
      port,
      target: `http://127.0.0.1:${innerPort}`,
      region: options.region ?? 'us-east-1',
      isVerified: options.sandboxVerifiedRecipient,
    });
    return { url, port, stop: async () => void (await Promise.all([closeServer(front), closeServer(inner)])) };
  }
  const http: Server = await server({ host: '127.0.0.1', port });
  return {
    url,
    port,
    stop: () => closeServer(http),
  };
}

function closeServer(http: Server): Promise<void> {
  if (!http.listening) return Promise.resolve();
  return new Promise((resolve, reject) => {
    http.close((error) => (error ? reject(error) : resolve()));
    // Express keeps idle keep-alive sockets open (the SDK reuses connections); close them so stop() is prompt.
    http.closeAllConnections();
  });
}
