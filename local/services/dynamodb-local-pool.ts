/**
 * DynamoDB Local JVMs shared by the stacks of a test run. Each stack of a run used to start a JVM of its own: about
 * 0.7 s of CPU until it answers and 1–1.5 s more while its first few hundred requests are compiled — measured in
 * local/README.md, and most of what a short test file's DynamoDB Local costs. A pool keeps the JVMs between stacks and
 * lends each to one holder at a time; a JVM comes back with every table deleted, so the next holder finds it as a
 * freshly started one (in memory, `-sharedDb`).
 *
 * The pool lives in one process (a test runner's global set-up) and lends over HTTP on loopback, so test workers in
 * other processes share it: `POST /leases` answers `{ id, endpoint, port }`, `DELETE /leases/{id}` empties the JVM and
 * takes it back. {@link leaseDynamoDbLocal} is the client; a stack takes a lease through `startLocalStack`'s
 * `dynamodbLocal` option.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startDynamoDbLocal, type DynamoDbLocal, type DynamoDbLocalEndpoint, type DynamoDbLocalOptions } from './dynamodb-local.ts';

export interface DynamoDbLocalPoolOptions extends Pick<DynamoDbLocalOptions, 'jvm' | 'classArchive' | 'classArchiveCacheDir'> {
  /** Idle JVMs kept for the next lease; one given back beyond these is stopped. @default 4 */
  maxIdle?: number;
}

export interface DynamoDbLocalPool {
  /** Where {@link leaseDynamoDbLocal} leases from: `http://127.0.0.1:PORT`. */
  url: string;
  /** JVMs started so far, and how many are lent out and idle now. */
  stats(): { started: number; leased: number; idle: number };
  /** Stops the lease server and every JVM, lent out or not. */
  stop(): Promise<void>;
}

/** The pool's own requests: `-sharedDb` serves every caller the same tables (DynamoDB Local takes letters and digits as a key id). */
const POOL_CLIENT = { region: 'us-east-1', credentials: { accessKeyId: 'dynamodbLocalPool', secretAccessKey: 'dynamodbLocalPool' } };

/** Starts the lease server; JVMs start on the first leases that find none idle. */
export async function startDynamoDbLocalPool(options: DynamoDbLocalPoolOptions = {}): Promise<DynamoDbLocalPool> {
  const { maxIdle = 4, ...jvmOptions } = options;
  const idle: DynamoDbLocal[] = [];
  const leased = new Map<string, DynamoDbLocal>();
  const starting = new Set<Promise<DynamoDbLocal>>();
  let started = 0;
  let nextId = 1;
  let stopped = false;

  const alive = (jvm: DynamoDbLocal) => jvm.process.exitCode === null && jvm.process.signalCode === null;

  const take = async (): Promise<DynamoDbLocal> => {
    // Last in, first out: the JVM given back last has compiled the most.
    for (let jvm = idle.pop(); jvm; jvm = idle.pop()) if (alive(jvm)) return jvm;
    const start = startDynamoDbLocal(jvmOptions);
    starting.add(start);
    try {
      const jvm = await start;
      started += 1;
      return jvm;
    } finally {
      starting.delete(start);
    }
  };

  const giveBack = async (jvm: DynamoDbLocal) => {
    const emptied = alive(jvm) && (await deleteAllTables(jvm.endpoint).then(() => true, () => false));
    if (emptied && !stopped && idle.length < maxIdle) idle.push(jvm);
    else await jvm.stop();
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => answer(response, 500, { message: error.message }));
  });
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    if (stopped) return answer(response, 503, { message: 'the DynamoDB Local pool has stopped' });
    if (request.method === 'POST' && request.url === '/leases') {
      const jvm = await take();
      if (stopped) {
        await jvm.stop();
        return answer(response, 503, { message: 'the DynamoDB Local pool has stopped' });
      }
      const id = String(nextId++);
      leased.set(id, jvm);
      return answer(response, 201, { id, endpoint: jvm.endpoint, port: jvm.port });
    }
    const lease = /^\/leases\/(\w+)$/.exec(request.url ?? '')?.[1];
    if (request.method === 'DELETE' && lease) {
      const jvm = leased.get(lease);
      if (!jvm) return answer(response, 404, { message: `no lease ${lease}` });
      leased.delete(lease);
      await giveBack(jvm);
      return answer(response, 204);
    }
    return answer(response, 404, { message: `${request.method} ${request.url}: the pool serves POST /leases and DELETE /leases/{id}` });
  };
  await new Promise<void>((listening, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => listening());
  });

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats: () => ({ started, leased: leased.size, idle: idle.length }),
    async stop() {
      if (stopped) return;
      stopped = true;
      server.closeAllConnections();
      await new Promise((closed) => server.close(closed));
      const startingJvms = await Promise.allSettled(starting);
      const all = [...idle.splice(0), ...leased.values(), ...startingJvms.flatMap((start) => (start.status === 'fulfilled' ? [start.value] : []))];
      leased.clear();
      await Promise.all(all.map((jvm) => jvm.stop()));
    },
  };
}

function answer(response: ServerResponse, status: number, body?: object): void {
  if (response.headersSent) return;
  response.writeHead(status, body ? { 'content-type': 'application/json' } : {});
  response.end(body ? JSON.stringify(body) : undefined);
}

/** Deletes every table (their streams go with them): the JVM is then as a fresh in-memory one. */
async function deleteAllTables(endpoint: string): Promise<void> {
  const { DynamoDBClient, ListTablesCommand, DeleteTableCommand } = await import('@aws-sdk/client-dynamodb');
  const client = new DynamoDBClient({ endpoint, ...POOL_CLIENT });
  try {
    for (;;) {
      const { TableNames = [] } = await client.send(new ListTablesCommand({}));
      if (TableNames.length === 0) return;
      await Promise.all(TableNames.map((TableName) => client.send(new DeleteTableCommand({ TableName }))));
    }
  } finally {
    client.destroy();
  }
}

/**
 * Leases a JVM from a pool ({@link startDynamoDbLocalPool}, perhaps in another process): its `stop()` gives it back,
 * emptied, instead of stopping it.
 */
export async function leaseDynamoDbLocal(poolUrl: string): Promise<DynamoDbLocalEndpoint> {
  const response = await fetch(`${poolUrl}/leases`, { method: 'POST' });
  const body = (await response.json()) as { id: string; endpoint: string; port: number } | { message: string };
  if (!response.ok || !('id' in body)) {
    throw new Error(`No DynamoDB Local from the pool at ${poolUrl} (HTTP ${response.status}): ${'message' in body ? body.message : ''}`);
  }
  let returned: Promise<void> | undefined;
  return {
    endpoint: body.endpoint,
    port: body.port,
    stop: () =>
      (returned ??= fetch(`${poolUrl}/leases/${body.id}`, { method: 'DELETE' }).then(async (answer) => {
        if (!answer.ok) throw new Error(`The pool at ${poolUrl} did not take lease ${body.id} back (HTTP ${answer.status}): ${await answer.text()}`);
      })),
  };
}
