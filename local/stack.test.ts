/**
 * startLocalStack spawns DynamoDB Local's JVM before anything else is loaded or started: a start that fails after
 * that (here: a template that does not exist) must still stop the JVM, against the real DynamoDB Local.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Sidecar } from './sidecar.ts';
import { startLocalStack } from './stack.ts';
import { freePort } from './util/free-port.ts';
import { listening } from './test-support/listening.ts';

const stateDir = mkdtempSync(join(tmpdir(), 'appsync-local-stack-'));
/** A template stack with its code in local files (local/cli/cli.test.ts runs it through the command). */
const GREETER = { template: 'template.yaml', stack: 'demo', appDir: join(import.meta.dirname, 'fixtures', 'apps', 'greeter') };
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

describe('startLocalStack', () => {
  it.each([
    ['no app and no template (refused as the options are read, while the JVM starts)', {}, /Give either a CDK app command/],
    ['a template that does not exist (refused once the JVM serves)', { template: join(stateDir, 'missing.yaml') }, /missing\.yaml/],
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
});
