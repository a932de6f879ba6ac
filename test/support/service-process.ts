/**
 * A server in a Node process of its own (run through tsx): the tests' shared end-to-end stack
 * (./shared-stack-process.ts), the bench's stack (bench/stack-process.ts) and the peer, Amplify's simulator
 * (bench/amplify-peer/peer-process.ts), so that the clients that load it never share a thread with it (issue 17: the
 * client in a separate process). The child sends one `ready` message once it serves; the parent asks it questions
 * over IPC (each answered with the request's id) and stops it over IPC, not by a signal (a signal also reaches the
 * handlers other parts register: Vite's dev server exits the process on SIGTERM before the stack is stopped); the
 * parent's death stops it too.
 */
import { spawn } from 'node:child_process';

/** How long a server may take to serve (a fresh clone synthesizes the app first; a loaded machine is slow). */
const START_TIMEOUT_MS = 180_000;

type Envelope = { id: number; request: unknown } | { stop: true };
type Reply = { ready: unknown } | { id: number; answer?: unknown; error?: string };

export interface ServiceProcess<Ready, Request, Answer> {
  ready: Ready;
  pid: number;
  ask(request: Request): Promise<Answer>;
  stop(): Promise<void>;
}

/** Parent side: starts `entry` with `args` and resolves once it is ready. `name` is for errors. */
export async function startServiceProcess<Ready, Request = never, Answer = never>(
  entry: string,
  args: readonly string[],
  name: string,
): Promise<ServiceProcess<Ready, Request, Answer>> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let stopping: Promise<unknown> | undefined;
  const stop = async () => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        if (child.connected) child.send({ stop: true } satisfies Envelope);
        else child.kill('SIGTERM');
      }
      await exited;
    })();
    await stopping;
  };
  let requests = 0;
  const ask = (request: Request) =>
    new Promise<Answer>((done, fail) => {
      const id = (requests += 1);
      const onMessage = (reply: Reply) => {
        if (!('id' in reply) || reply.id !== id) return;
        child.off('message', onMessage);
        if (reply.error !== undefined) fail(new Error(`${name}: ${reply.error}`));
        else done(reply.answer as Answer);
      };
      void exited.then((code) => fail(new Error(`${name} exited (code ${code})`)));
      if (!child.connected) return;
      child.on('message', onMessage);
      child.send({ id, request } satisfies Envelope, (error) => error && fail(new Error(`${name}: ${error.message}`)));
    });
  try {
    const ready = await new Promise<Ready>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`${name} did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
      child.on('message', (reply: Reply) => {
        if (!('ready' in reply)) return;
        clearTimeout(timer);
        done(reply.ready as Ready);
      });
      void exited.then((code) => {
        clearTimeout(timer);
        fail(new Error(`${name} exited (code ${code}) before it served; its output is above`));
      });
    });
    return { ready, pid: child.pid!, ask, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Child side: tells the parent it is ready, answers its requests with `answer` (without one, each request fails), and
 * calls `stop` (then exits) when asked, on SIGTERM or SIGINT, or when the parent goes away.
 */
export function serveParent<Ready, Request = never, Answer = never>(
  ready: Ready,
  stop: () => Promise<void>,
  answer: (request: Request) => Answer | Promise<Answer> = () => {
    throw new Error('this process answers no requests');
  },
): void {
  let stopping = false;
  const stopOnce = () => {
    if (stopping) return;
    stopping = true;
    void stop().finally(() => process.exit(0));
  };
  const reply = (message: Reply) => process.send?.(message);
  process.on('message', (envelope: Envelope) => {
    if ('stop' in envelope) return stopOnce();
    Promise.resolve()
      .then(() => answer(envelope.request as Request))
      .then(
        (value) => reply({ id: envelope.id, answer: value }),
        (error: unknown) => reply({ id: envelope.id, error: error instanceof Error ? error.message : String(error) }),
      );
  });
  process.on('SIGTERM', stopOnce);
  process.on('SIGINT', stopOnce);
  // The parent killed without stopping it: never leave a JVM, a Lambda host or a server behind.
  process.once('disconnect', stopOnce);
  reply({ ready });
}
