/**
 * startLocalStack spawns DynamoDB Local's JVM before anything else is loaded or started, and starts the rest beside it:
 * a start that fails anywhere (the options, the template, a service beside the JVM, a sidecar) must still stop the JVM
 * and every part that did start; a start that succeeds serves at once, tables and streams included. All against the
 * real DynamoDB Local.
 */
import { GetItemCommand, ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixtureApp, removeApp } from './cli/run-cli.ts';
import type { Sidecar } from './sidecar.ts';
import { startLocalStack } from './stack.ts';
import { freePort } from './util/free-port.ts';

const stateDir = mkdtempSync(join(tmpdir(), 'appsync-local-stack-'));
/** A template stack with its code in local files (local/cli/cli.test.ts runs it through the command). */
const GREETER = { template: 'template.yaml', stack: 'demo', appDir: join(import.meta.dirname, 'fixtures', 'apps', 'greeter') };
/** A CDK app with a table, its stream feeding a function, JS resolvers on the table and a KMS key. */
const NOTES = { app: 'node app.mjs', appDir: join(import.meta.dirname, 'fixtures', 'apps', 'notes') };
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

/** Whether something accepts connections on the port. */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('startLocalStack', () => {
  it.each([
    ['no app and no template (refused as the options are read, while the JVM starts)', {}, /Give either a CDK app command/],
    ['a template that does not exist (refused as it is read, beside the JVM)', { template: join(stateDir, 'missing.yaml') }, /missing\.yaml/],
  ])('stops the DynamoDB Local it started first when the start fails: %s', async (_case, source, message) => {
    const port = await freePort();
    await expect(startLocalStack({ ...source, stateDir, ports: { dynamodb: port }, ses: false, sms: false })).rejects.toThrow(message);
    // The JVM was spawned on the port before anything else and is gone again.
    expect(await listening(port)).toBe(false);
  }, 60_000);

  it('prepares its sidecars as it starts, before DynamoDB Local answers, and starts them once prepared and serving', async () => {
    const port = await freePort();
    const graphqlPort = await freePort();
    const events: string[] = [];
    let finishPreparing = () => {};
    const probe: Sidecar = {
      name: 'probe',
      async prepare() {
        events.push(`prepare (DynamoDB Local answering: ${await listening(port)})`);
        // Held until the engine serves: start must wait for it even when the rest of the stack is ready first.
        await new Promise<void>((resolve) => (finishPreparing = resolve));
        events.push('prepared');
      },
      async start({ endpoints }) {
        events.push(`start (${endpoints.graphqlUrl.startsWith('http://127.0.0.1:') ? 'serving' : 'not serving'})`);
        return { endpoints: { probeUrl: 'http://probe' }, stop: async () => void events.push('stop') };
      },
    };
    const waitForEngine = (async () => {
      while (!(await listening(graphqlPort))) await new Promise((resolve) => setTimeout(resolve, 20));
      events.push('engine serving');
      finishPreparing();
    })();
    const stack = await startLocalStack({
      ...GREETER,
      stateDir: join(stateDir, 'prepared'),
      ports: { dynamodb: port, graphql: graphqlPort },
      ses: false,
      sms: false,
      sidecars: [probe],
    });
    await waitForEngine;
    expect(stack.endpoints).toMatchObject({ probeUrl: 'http://probe' });
    await stack.stop();
    expect(events).toEqual(['prepare (DynamoDB Local answering: false)', 'engine serving', 'prepared', 'start (serving)', 'stop']);
  }, 60_000);

  it('fails the start, and stops DynamoDB Local, when a sidecar cannot prepare', async () => {
    const port = await freePort();
    const broken: Sidecar = {
      name: 'broken',
      prepare: () => Promise.reject(new Error('the dev server is not installed')),
      start: () => Promise.reject(new Error('start must not be called')),
    };
    await expect(startLocalStack({ ...GREETER, stateDir: join(stateDir, 'broken'), ports: { dynamodb: port }, ses: false, sms: false, sidecars: [broken] })).rejects.toThrow(
      'the dev server is not installed',
    );
    expect(await listening(port)).toBe(false);
  }, 60_000);

  it('stops the JVM and every service that did start when a part beside the JVM fails (the local SES port is taken)', async () => {
    const [dynamodbPort, smsPort] = [await freePort(), await freePort()];
    // Something else holds the SES port: SES fails while the JVM boots and SNS, the synth and the template read run beside it.
    const holder = createServer();
    const sesPort = await new Promise<number>((resolve) => holder.listen(0, '127.0.0.1', () => resolve((holder.address() as { port: number }).port)));
    try {
      await expect(
        startLocalStack({ ...GREETER, stateDir: join(stateDir, 'ses-taken'), ports: { dynamodb: dynamodbPort, ses: sesPort, sms: smsPort } }),
      ).rejects.toThrow(`Port ${sesPort} (local SES) is already in use`);
    } finally {
      holder.close();
    }
    expect(await listening(dynamodbPort)).toBe(false);
    expect(await listening(smsPort)).toBe(false);
  }, 60_000);

  it('stops the services still starting beside it when the template read fails (the GraphQL port is taken)', async () => {
    const [dynamodbPort, sesPort, smsPort] = [await freePort(), await freePort(), await freePort()];
    const holder = createServer();
    const graphqlPort = await new Promise<number>((resolve) => holder.listen(0, '127.0.0.1', () => resolve((holder.address() as { port: number }).port)));
    try {
      // A template needs no synth: the read fails a moment after SES and SNS began to start, before either serves.
      await expect(
        startLocalStack({ ...GREETER, stateDir: join(stateDir, 'graphql-taken'), ports: { dynamodb: dynamodbPort, graphql: graphqlPort, ses: sesPort, sms: smsPort } }),
      ).rejects.toThrow(`Port ${graphqlPort} (GraphQL endpoint) is already in use`);
    } finally {
      holder.close();
    }
    // Each was stopped once it had started, not left serving because it started after the failure.
    expect(await listening(sesPort)).toBe(false);
    expect(await listening(smsPort)).toBe(false);
    expect(await listening(dynamodbPort)).toBe(false);
  }, 60_000);

  it('stops a service still starting beside the one that failed (a corrupt KMS state file, while Cognito starts)', async () => {
    const dir = join(stateDir, 'kms-corrupt');
    mkdirSync(join(dir, 'kms'), { recursive: true });
    writeFileSync(join(dir, 'kms', 'kms-keys.json'), '{ not json');
    const dynamodbPort = await freePort();
    // Servers listening in this process: the local Cognito, the issuers and KMS run in it.
    const listeningServers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'TCPServerWrap').length;
    const before = listeningServers();
    await expect(startLocalStack({ ...GREETER, stateDir: dir, persist: true, ports: { dynamodb: dynamodbPort }, ses: false, sms: false })).rejects.toThrow();
    expect(listeningServers()).toBe(before);
    expect(await listening(dynamodbPort)).toBe(false);
  }, 60_000);

  it('stops the functions still starting beside the engines when an engine refuses its code, and nothing polls on', async () => {
    const appDir = copyFixtureApp('notes');
    const appFile = join(appDir, 'app.mjs');
    const addNoteResponse = "export function response(ctx) { return ctx.result; }\n`);\n// util without an import";
    const app = readFileSync(appFile, 'utf8');
    expect(app).toContain(addNoteResponse);
    // try/catch: APPSYNC_JS refuses it, so the engine fails as it prepares, while the stream poller is still starting.
    writeFileSync(appFile, app.replace(addNoteResponse, addNoteResponse.replace('return ctx.result;', 'try { return ctx.result; } catch (e) { return null; }')));
    const lines: string[] = [];
    const dynamodbPort = await freePort();
    try {
      await expect(
        startLocalStack({ ...NOTES, appDir, stateDir: join(appDir, '.local'), ports: { dynamodb: dynamodbPort }, ses: false, sms: false, log: (line) => lines.push(line) }),
      ).rejects.toThrow(/try/);
      const linesAtFailure = lines.length;
      // A poller left running would fail its DescribeStream or GetRecords against the stopped DynamoDB Local and say so
      // within a few of its 250 ms polls.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(lines.slice(linesAtFailure)).toEqual([]);
      expect(await listening(dynamodbPort)).toBe(false);
    } finally {
      removeApp(appDir);
    }
  }, 180_000);

  it('serves as soon as it resolves: the first request writes to the table, whose stream feeds the function', async () => {
    const dynamodbPort = await freePort();
    const stack = await startLocalStack({ ...NOTES, stateDir: join(stateDir, 'notes'), ports: { dynamodb: dynamodbPort }, ses: false, sms: false });
    const client = new DynamoDBClient({ endpoint: stack.endpoints.dynamodbUrl, region: stack.endpoints.region, credentials: { ...stack.endpoints.iam } });
    try {
      // No wait of any kind: the engine answers, and the table it writes to exists, the moment the start resolves.
      const notes = stack.endpoints.apis['notes-api']!;
      const response = await fetch(notes.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': notes.apiKey ?? '' },
        body: JSON.stringify({ query: 'mutation { addNote(text: "first") { id text } }' }),
      });
      expect(await response.json()).toMatchObject({ data: { addNote: { text: 'first' } } });
      // The stream poller started once the table (and so its stream) existed, from the stream's start: it sees the note.
      const [tableName] = (await client.send(new ListTablesCommand({}))).TableNames ?? [];
      await expect
        .poll(async () => (await client.send(new GetItemCommand({ TableName: tableName, Key: { id: { S: 'counter' } } }))).Item?.notes?.N, { timeout: 30_000 })
        .toBe('1');
      expect(Object.keys(stack.startup).sort()).toEqual(['dynamodb', 'engines', 'functions', 'issuers and KMS', 'modules', 'read', 'sidecars', 'synth', 'tables']);
    } finally {
      client.destroy();
      await stack.stop();
    }
    expect(await listening(dynamodbPort)).toBe(false);
    expect(await listening(Number(new URL(stack.endpoints.apis['notes-api']!.graphqlUrl).port))).toBe(false);
  }, 180_000);
});
