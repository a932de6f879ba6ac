import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

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

/**
 * How long a hand-out keeps the port from other processes: long enough for any server to listen on it (a JVM on a
 * loaded machine: seconds), after which the listening server itself keeps it.
 */
const RESERVATION_MS = 60_000;

export interface PortPickerOptions {
  /** The first port to look at (from 10000 to below the ephemeral range). @default a random one */
  start?: number;
  /** The folder where hand-outs are marked for other processes. @default a folder of this user's in the OS temp folder */
  reservations?: string;
}

/**
 * A port picker: each call answers a port on 127.0.0.1 that was free a moment ago, for a server that listens on it
 * later (an engine whose URL is part of the template's values, DynamoDB Local's JVM). Ports are picked below the OS's
 * ephemeral range: a port from that range (what `listen(0)` answers) can be taken in the meantime by any outgoing
 * connection on the machine, and was (a stack start failed with EADDRINUSE while other test files made thousands of
 * requests).
 *
 * Until its server listens (a JVM: a second or more), a port must not be handed out again: with every pick at random, a
 * test run's stack start failed with EADDRINUSE on 127.0.0.1:20157. So a picker walks up from a random start and never
 * hands out a port twice, and it marks each port it hands out with a file for a minute: another process's picker,
 * whose walk may cross this one's, skips a marked port.
 */
export function portPicker(options: PortPickerOptions = {}): () => Promise<number> {
  const reservations = options.reservations ?? join(tmpdir(), `appsync-local-ports-${userName()}`);
  /** Where the next pick looks, counted from LOWEST_PICKED_PORT. */
  let nextCandidate = options.start === undefined ? undefined : options.start - LOWEST_PICKED_PORT;
  return async () => {
    const [low] = ephemeralPortRange();
    const candidates = low - LOWEST_PICKED_PORT;
    if (candidates >= 1_000) {
      nextCandidate ??= randomInt(candidates);
      // A marked port costs a stat, a busy one a listen: a start inside another process's recent run skips its marks.
      for (let looked = 0, listens = 0; looked < 2_000 && listens < 20; looked += 1) {
        const port = LOWEST_PICKED_PORT + (nextCandidate++ % candidates);
        if (!reserve(reservations, port)) continue;
        listens += 1;
        // A port the OS keeps from this user (EACCES) is as good as taken: try another.
        if ((await listenOnce(port, ['EADDRINUSE', 'EACCES'])) !== undefined) return port;
      }
    }
    const port = await listenOnce(0);
    if (port === undefined) throw new Error('No free port on 127.0.0.1');
    return port;
  };
}

/** This process's picker ({@link portPicker}). */
export const freePort: () => Promise<number> = portPicker();

/**
 * Marks the port as handed out, unless another picker marked it less than RESERVATION_MS ago. A folder that cannot be
 * written (another user's, a read-only temp folder) marks nothing and refuses nothing: the pick goes on as without it.
 */
function reserve(folder: string, port: number): boolean {
  const file = join(folder, String(port));
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(file, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return true;
  }
  try {
    if (Date.now() - statSync(file).mtimeMs < RESERVATION_MS) return false;
    // An old mark: its server listens by now, or never will. Marked anew for this hand-out.
    rmSync(file, { force: true });
    writeFileSync(file, String(process.pid), { flag: 'wx' });
    return true;
  } catch {
    // Marked by another picker in between.
    return false;
  }
}

function userName(): string {
  try {
    return userInfo().username.replace(/[^\w.-]/g, '_');
  } catch {
    return 'user';
  }
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
