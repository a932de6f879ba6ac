/**
 * Starts a Python container: python-host.py under the machine's python3. Messages are JSON lines on two extra pipes
 * (fd 3 parent → host, fd 4 host → parent), so the function's own stdout and stderr stay its log, as on Lambda.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { PythonInterpreter } from './find-python.ts';
import { isHostMessage, type HostLaunchOptions, type HostMessage, type HostProcess } from './host-protocol.ts';

const HOST_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'python-host.py');

/** Spawns python-host.py for one container of a Python function. */
export function launchPythonHost(options: HostLaunchOptions, python: PythonInterpreter): HostProcess {
  const child = spawn(python.executable, [HOST_SCRIPT, options.codeDir, options.handler], {
    cwd: options.codeDir,
    env: options.environment,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
  });
  const toHost = child.stdio[3] as Writable;
  const fromHost = child.stdio[4] as Readable;
  // A write to a container that just died fails with EPIPE; the runner learns of the death from the exit event.
  toHost.on('error', () => undefined);
  const listeners = new Set<(message: HostMessage) => void>();
  createInterface({ input: fromHost, crlfDelay: Infinity }).on('line', (line) => {
    const message = parseLine(line);
    if (isHostMessage(message)) for (const listener of listeners) listener(message);
  });
  return {
    child,
    send: (message) => {
      toHost.write(`${JSON.stringify(message)}\n`);
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
