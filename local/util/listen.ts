/** Starts a Node HTTP server listening, as a promise: what the engine and the local OIDC issuer both need. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Listens on `host`:`port` (0: any free port) and answers the port it got.
 * @throws the listen error (e.g. EADDRINUSE) instead of emitting it.
 */
export async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}
