import { readFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';

/** Below this sit the ports of well-known services and of most developers' own servers. */
const LOWEST_PICKED_PORT = 10_000;
/** The IANA ephemeral range, which macOS and Windows use. */
const IANA_EPHEMERAL: readonly [number, number] = [49_152, 65_535];

/** The range the OS takes ports from for `listen(0)` and for every outgoing connection. */
export function ephemeralPortRange(): readonly [number, number] {
  if (process.platform !== 'linux') return IANA_EPHEMERAL;
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    return Number.isInteger(low) && Number.isInteger(high) ? [low!, high!] : IANA_EPHEMERAL;
  } catch {
    return IANA_EPHEMERAL;
  }
}

/** Where this process looks next, counted from LOWEST_PICKED_PORT: a random start, then one port after another. */
let nextCandidate: number | undefined;

/**
 * A port on 127.0.0.1 that was free a moment ago, for a server that listens on it later (an engine whose URL is part
 * of the template's values, DynamoDB Local's JVM). It is picked below the OS's ephemeral range: a port from that range
 * (what `listen(0)` answers) can be taken in the meantime by any outgoing connection on the machine, and was (a stack
 * start failed with EADDRINUSE while other test files made thousands of requests).
 *
 * Until its server listens (a JVM: a second or more), another process can pick the same port: with every pick at
 * random, a test run's stack start failed with EADDRINUSE on 127.0.0.1:20157. So each process walks up from a random
 * start: it never hands out a port twice, and its ports lie in a run of their own, away from other processes' runs.
 */
export async function freePort(): Promise<number> {
  const [low] = ephemeralPortRange();
  const candidates = low - LOWEST_PICKED_PORT;
  if (candidates >= 1_000) {
    nextCandidate ??= randomInt(candidates);
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const port = LOWEST_PICKED_PORT + (nextCandidate++ % candidates);
      // A port the OS keeps from this user (EACCES) is as good as taken: try another.
      if ((await listenOnce(port, ['EADDRINUSE', 'EACCES'])) !== undefined) return port;
    }
  }
  const port = await listenOnce(0);
  if (port === undefined) throw new Error('No free port on 127.0.0.1');
  return port;
}

/** Listens on 127.0.0.1:port and closes at once: the port it got, or undefined when the listen failed with a `taken` code. */
function listenOnce(port: number, taken: readonly string[] = ['EADDRINUSE']): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', (error: NodeJS.ErrnoException) => (taken.includes(error.code ?? '') ? resolve(undefined) : reject(error)));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const got = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(got));
    });
  });
}

/** Fails with a clear message when something already listens on 127.0.0.1:port. */
export async function assertPortFree(port: number, what: string): Promise<void> {
  if ((await listenOnce(port)) === undefined) {
    throw new Error(`Port ${port} (${what}) is already in use. Stop what uses it or choose another port.`);
  }
}
