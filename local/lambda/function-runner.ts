import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../appsync/runtime/clock.ts';
import type { LambdaFunctionConfig } from '../stack-description.ts';
import { LOCAL_ACCOUNT_ID } from '../iam-principals.ts';
import { listLocalFunction } from './function-directory.ts';
import { hostLauncher, type HostLauncher } from './host-launcher.ts';
import type { HostMessage, HostProcess, InvokeMessage, InvokeOutcome, LambdaError } from './host-protocol.ts';
import { buildLambdaEnvironment, type LocalCredentials } from './lambda-environment.ts';

export type { InvokeOutcome, LambdaError } from './host-protocol.ts';

/** The repository root: its node_modules stands in for the AWS SDK the Lambda runtime provides. */
const DEFAULT_SDK_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Lambda's limit for the init phase. */
const INIT_TIMEOUT_MS = 10_000;

export interface FunctionRunnerOptions {
  config: LambdaFunctionConfig;
  region: string;
  /** Local credentials the function's SDK signs with. @default { accessKeyId: 'local', secretAccessKey: 'local' } */
  credentials?: LocalCredentials;
  /** SDK endpoint overrides set in the function's environment, e.g. AWS_ENDPOINT_URL_DYNAMODB. */
  endpoints?: Record<string, string>;
  /** Receives each line the function writes to stdout/stderr, and START/END/REPORT lines, prefixed `[name] `. */
  log?: (line: string) => void;
  /** Account id used in the function ARN. @default LOCAL_ACCOUNT_ID ('000000000000') */
  accountId?: string;
  /** A folder whose node_modules provides `@aws-sdk/*` to bundles that keep it external. @default the repository root */
  sdkRoot?: string;
  /**
   * The stack's clock (e.g. `adjustableClock()`): a Node.js function's `Date` reads it, as of each invocation's
   * dispatch; timeouts stay on the machine's time. Python functions keep the machine's time.
   * @default none: the function sees the machine's time and nothing is patched
   */
  clock?: Clock;
  /**
   * Called as each invocation starts and as it ends: the function may write to a table with a stream meanwhile (the
   * local stack's stream pollers keep Lambda's pace then, see shard-poll-turns.ts).
   */
  onActivity?: () => void;
}

/**
 * A local Lambda function: one warm container (child process) reused between invocations. Node.js functions run in
 * function-host.mjs, Python functions in python-host.py under the machine's python3; both with the same environment,
 * timeout, init limit and event.
 */
export interface FunctionRunner {
  readonly name: string;
  readonly arn: string;
  /** Runs the handler once; invocations are queued, one at a time per container. Never rejects. */
  invoke(event: unknown): Promise<InvokeOutcome>;
  /** Kills the container and leaves the function directory; a later invoke starts a new container. */
  stop(): Promise<void>;
}

interface Container {
  host: HostProcess;
  ready: Promise<{ initDurationMs: number } | { error: LambdaError }>;
  exited: Promise<number | null>;
  /** Init duration to report on the first invocation only (a cold start). */
  pendingInitDurationMs?: number;
}

/**
 * Starts nothing yet: the container is started on the first invoke (a cold start) and kept warm afterwards.
 * A timeout kills it (`Task timed out after N.00 seconds`) and the next invoke starts a fresh one, as on Lambda.
 * Until stopped, the runner is listed by name for AppSync's Lambda data source (function-directory.ts).
 *
 * @example
 * ```ts
 * const runner = createFunctionRunner({ config, region: 'us-east-1', endpoints: { AWS_ENDPOINT_URL_DYNAMODB: url } });
 * const outcome = await runner.invoke({ Records: [] });
 * if ('error' in outcome) console.error(outcome.error.errorType);
 * await runner.stop();
 * ```
 */
export function createFunctionRunner(options: FunctionRunnerOptions): FunctionRunner {
  const { config } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const prefix = `[${config.name}] `;
  const arn = `arn:aws:lambda:${options.region}:${options.accountId ?? LOCAL_ACCOUNT_ID}:function:${config.name}`;
  const environment = buildLambdaEnvironment({
    config,
    region: options.region,
    credentials: options.credentials ?? { accessKeyId: 'local', secretAccessKey: 'local' },
    endpoints: options.endpoints,
    path: process.env.PATH,
  });
  let container: Container | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const { clock } = options;
  /** How far the stack's clock is from the machine's right now; undefined without a clock (the host patches nothing). */
  const clockOffsetMs = (): number | undefined => (clock ? clock.now() - Date.now() : undefined);

  function startContainer(launch: HostLauncher): Container {
    const host = launch({
      codeDir: config.codeDir,
      handler: config.handler,
      environment,
      sdkRoot: options.sdkRoot ?? DEFAULT_SDK_ROOT,
      ...withClockOffset(clockOffsetMs()),
    });
    const { child } = host;
    forwardLines(child.stdout, (line) => log(prefix + line));
    forwardLines(child.stderr, (line) => log(prefix + line));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const ready = new Promise<{ initDurationMs: number } | { error: LambdaError }>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve({ error: { errorType: 'Runtime.InitTimeout', errorMessage: 'Init phase exceeded 10 seconds' } });
      }, INIT_TIMEOUT_MS);
      const unsubscribe = host.onMessage((message) => {
        if (message.type === 'ready') finish({ initDurationMs: message.initDurationMs });
        if (message.type === 'init-error') finish({ error: pickError(message) });
      });
      const finish = (value: { initDurationMs: number } | { error: LambdaError }) => {
        clearTimeout(timer);
        unsubscribe();
        resolve(value);
      };
      void exited.then((code) => finish({ error: exitError(code) }));
    });
    return { host, ready, exited };
  }

  async function killContainer(): Promise<void> {
    const current = container;
    container = undefined;
    if (!current || current.host.child.exitCode !== null || current.host.child.signalCode !== null) return;
    current.host.child.kill('SIGKILL');
    await current.exited;
  }

  async function invokeNow(event: unknown): Promise<InvokeOutcome> {
    const requestId = randomUUID();
    if (!container || container.host.child.exitCode !== null || container.host.child.signalCode !== null) {
      const launch = await hostLauncher(config, (line) => log(`${prefix}NOTE ${line}`));
      if ('error' in launch) {
        log(`${prefix}INIT_FAILED RequestId: ${requestId} ${launch.error.errorType}: ${launch.error.errorMessage}`);
        return { error: launch.error };
      }
      container = startContainer(launch);
      const ready = await container.ready;
      if ('error' in ready) {
        // Lambda retries init on the next invocation; so do we, by discarding this container.
        await killContainer();
        log(`${prefix}INIT_FAILED RequestId: ${requestId} ${ready.error.errorType}: ${ready.error.errorMessage}`);
        return { error: ready.error };
      }
      container.pendingInitDurationMs = ready.initDurationMs;
    }
    const current = container;
    const timeoutMs = config.timeoutSeconds * 1000;
    const started = performance.now();
    log(`${prefix}START RequestId: ${requestId} Version: $LATEST`);
    const message: InvokeMessage = {
      type: 'invoke',
      requestId,
      event,
      deadlineMs: Date.now() + timeoutMs,
      invokedFunctionArn: arn,
      ...withClockOffset(clockOffsetMs()),
    };
    const { child } = current.host;
    const outcome = await new Promise<InvokeOutcome | 'timeout'>((resolve) => {
      const timer = setTimeout(() => finish('timeout'), timeoutMs);
      const unsubscribe = current.host.onMessage((reply) => {
        if (!('requestId' in reply) || reply.requestId !== requestId) return;
        finish(toOutcome(reply));
      });
      const onExit = (code: number | null) => finish({ error: exitError(code) });
      const finish = (value: InvokeOutcome | 'timeout') => {
        clearTimeout(timer);
        unsubscribe();
        child.off('exit', onExit);
        resolve(value);
      };
      child.once('exit', onExit);
      current.host.send(message);
    });
    const durationMs = performance.now() - started;
    log(`${prefix}END RequestId: ${requestId}`);
    const init = current.pendingInitDurationMs;
    current.pendingInitDurationMs = undefined;
    log(
      `${prefix}REPORT RequestId: ${requestId} Duration: ${durationMs.toFixed(2)} ms ` +
        `Billed Duration: ${Math.ceil(durationMs)} ms Memory Size: ${config.memorySize} MB` +
        (init === undefined ? '' : ` Init Duration: ${init.toFixed(2)} ms`),
    );
    if (outcome === 'timeout') {
      // The sandbox is reset after a timeout: kill it, the next invocation cold-starts a new one.
      await killContainer();
      const errorMessage = `Task timed out after ${config.timeoutSeconds.toFixed(2)} seconds`;
      log(`${prefix}${new Date().toISOString()} ${requestId} ${errorMessage}`);
      return { error: { errorType: 'Sandbox.Timedout', errorMessage } };
    }
    if ('error' in outcome && child.exitCode !== null) container = undefined;
    return outcome;
  }

  const runner: FunctionRunner = {
    name: config.name,
    arn,
    invoke(event) {
      const run = queue.then(async () => {
        options.onActivity?.();
        try {
          return await invokeNow(event);
        } finally {
          options.onActivity?.();
        }
      });
      queue = run.catch(() => undefined);
      return run.catch((error: unknown) => ({
        error: { errorType: 'Runtime.Unknown', errorMessage: error instanceof Error ? error.message : String(error) },
      }));
    },
    async stop() {
      unlist();
      await killContainer();
    },
  };
  const unlist = listLocalFunction(runner);
  return runner;
}

/** The optional `clockOffsetMs` field, left out entirely (not `undefined`) when there is no clock. */
function withClockOffset(offsetMs: number | undefined): { clockOffsetMs?: number } {
  return offsetMs === undefined ? {} : { clockOffsetMs: offsetMs };
}

function toOutcome(reply: Exclude<HostMessage, { type: 'ready' | 'init-error' }>): InvokeOutcome {
  return reply.type === 'result' ? { result: reply.result } : { error: pickError(reply) };
}

function pickError(message: { errorType: string; errorMessage: string }): LambdaError {
  return { errorType: message.errorType, errorMessage: message.errorMessage };
}

function exitError(code: number | null): LambdaError {
  return {
    errorType: 'Runtime.ExitError',
    errorMessage: `Runtime exited ${code === null ? 'on a signal' : `with error: exit status ${code}`}`,
  };
}

function forwardLines(stream: Readable | null, write: (line: string) => void): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', write);
}
