import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { FunctionConfig } from '../config.ts';
import { LOCAL_ACCOUNT_ID } from '../iam-principals.ts';
import { isHostMessage, type HostMessage, type InvokeMessage } from './host-protocol.ts';
import { buildLambdaEnvironment, type LocalCredentials } from './lambda-environment.ts';

const HOST_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'function-host.mjs');
/** The repository root: its node_modules stands in for the AWS SDK the Lambda runtime provides. */
const DEFAULT_SDK_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Lambda's limit for the init phase. */
const INIT_TIMEOUT_MS = 10_000;

/** What an invocation returns: the handler's result, or the error Lambda would report. */
export type InvokeOutcome = { result: unknown } | { error: LambdaError };

/** An error as Lambda reports it in an invocation response. */
export interface LambdaError {
  errorType: string;
  errorMessage: string;
}

export interface FunctionRunnerOptions {
  config: FunctionConfig;
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
}

/** A local Lambda function: one warm container (child process) reused between invocations. */
export interface FunctionRunner {
  readonly name: string;
  readonly arn: string;
  /** Runs the handler once; invocations are queued, one at a time per container. Never rejects. */
  invoke(event: unknown): Promise<InvokeOutcome>;
  /** Kills the container; a later invoke starts a new one. */
  stop(): Promise<void>;
}

interface Container {
  child: ChildProcess;
  ready: Promise<{ initDurationMs: number } | { error: LambdaError }>;
  exited: Promise<number | null>;
  /** Init duration to report on the first invocation only (a cold start). */
  pendingInitDurationMs?: number;
}

/**
 * Starts nothing yet: the container is forked on the first invoke (a cold start) and kept warm afterwards.
 * A timeout kills it (`Task timed out after N.00 seconds`) and the next invoke starts a fresh one, as on Lambda.
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

  function startContainer(): Container {
    const child = fork(HOST_SCRIPT, [config.codeDir, config.handler, options.sdkRoot ?? DEFAULT_SDK_ROOT], {
      cwd: config.codeDir,
      env: environment,
      // No inherited --import/--loader flags (vitest, tsx): the function runs on plain node, like on Lambda.
      execArgv: [],
      silent: true,
      serialization: 'json',
    });
    forwardLines(child.stdout, (line) => log(prefix + line));
    forwardLines(child.stderr, (line) => log(prefix + line));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const ready = new Promise<{ initDurationMs: number } | { error: LambdaError }>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve({ error: { errorType: 'Runtime.InitTimeout', errorMessage: 'Init phase exceeded 10 seconds' } });
      }, INIT_TIMEOUT_MS);
      const onMessage = (message: unknown) => {
        if (!isHostMessage(message)) return;
        if (message.type === 'ready') finish({ initDurationMs: message.initDurationMs });
        if (message.type === 'init-error') finish({ error: pickError(message) });
      };
      const finish = (value: { initDurationMs: number } | { error: LambdaError }) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(value);
      };
      child.on('message', onMessage);
      void exited.then((code) => finish({ error: exitError(code) }));
    });
    return { child, ready, exited };
  }

  async function killContainer(): Promise<void> {
    const current = container;
    container = undefined;
    if (!current || current.child.exitCode !== null || current.child.signalCode !== null) return;
    current.child.kill('SIGKILL');
    await current.exited;
  }

  async function invokeNow(event: unknown): Promise<InvokeOutcome> {
    const requestId = randomUUID();
    if (!container || container.child.exitCode !== null || container.child.signalCode !== null) {
      container = startContainer();
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
    };
    const outcome = await new Promise<InvokeOutcome | 'timeout'>((resolve) => {
      const timer = setTimeout(() => finish('timeout'), timeoutMs);
      const onMessage = (reply: unknown) => {
        if (!isHostMessage(reply) || !('requestId' in reply) || reply.requestId !== requestId) return;
        finish(toOutcome(reply));
      };
      const onExit = (code: number | null) => finish({ error: exitError(code) });
      const finish = (value: InvokeOutcome | 'timeout') => {
        clearTimeout(timer);
        current.child.off('message', onMessage);
        current.child.off('exit', onExit);
        resolve(value);
      };
      current.child.on('message', onMessage);
      current.child.once('exit', onExit);
      current.child.send(message);
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
    if ('error' in outcome && current.child.exitCode !== null) container = undefined;
    return outcome;
  }

  return {
    name: config.name,
    arn,
    invoke(event) {
      const run = queue.then(() => invokeNow(event));
      queue = run.catch(() => undefined);
      return run.catch((error: unknown) => ({
        error: { errorType: 'Runtime.Unknown', errorMessage: error instanceof Error ? error.message : String(error) },
      }));
    },
    stop: killContainer,
  };
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
