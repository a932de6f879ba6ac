/** Starts a Node.js container: function-host.mjs under plain `node`, driven over Node's IPC channel. */
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isHostMessage, type HostLaunchOptions, type HostProcess } from './host-protocol.ts';

const HOST_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'function-host.mjs');

/** Forks function-host.mjs for one container of a Node.js function. */
export function launchNodeHost(options: HostLaunchOptions): HostProcess {
  const clockArgs = options.clockOffsetMs === undefined ? [] : [String(options.clockOffsetMs)];
  const child = fork(HOST_SCRIPT, [options.codeDir, options.handler, options.sdkRoot, ...clockArgs], {
    cwd: options.codeDir,
    env: options.environment,
    // No inherited --import/--loader flags (vitest, tsx): the function runs on plain node, like on Lambda.
    execArgv: [],
    silent: true,
    serialization: 'json',
  });
  return {
    child,
    send: (message) => {
      child.send(message);
    },
    onMessage(listener) {
      const onMessage = (message: unknown) => {
        if (isHostMessage(message)) listener(message);
      };
      child.on('message', onMessage);
      return () => child.off('message', onMessage);
    },
  };
}
