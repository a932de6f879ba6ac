import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helloCode, noneOnlyServerOptions, oneResolverApi } from '../appsync/code-check/test-api.ts';
import { startAppSyncServer, type AppSyncServer } from '../appsync/server.ts';
import type { StackDescription } from '../stack-description.ts';
import { OnFailureDestinations } from '../lambda/on-failure-destinations.ts';
import type { RunningFunctions } from '../start-functions.ts';
import { createChangeBatcher } from './change-batcher.ts';
import { functionsChanged } from './functions-changed.ts';
import { stableLocalValues } from './stable-local-values.ts';
import { watchLocalStack } from './watch-stack.ts';
import { watchSourceTree } from './watch-source-tree.ts';
import { isStackSource } from './watched-paths.ts';

/** An app's sources, as a config lists them. */
const SOURCES = ['resolvers', 'functions', 'infra', 'schema.graphql'];

/** Polls until `check` passes (file events arrive with no fixed delay on a loaded machine). */
async function eventually(check: () => void, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe('isStackSource', () => {
  it.each([
    ['resolvers/Mutation.generateOtp.ts', true],
    ['resolvers/Mutation.verifyOtp/1-countAttempt.ts', true],
    ['schema.graphql', true],
    ['infra/lib/otp-service.ts', true],
    ['functions/send-otp-email/index.ts', true],
    ['resolvers/lib/hex.test.ts', false],
    ['resolvers/.Mutation.generateOtp.ts.swp', false],
    ['functions/send-otp-email/node_modules/x/index.js', false],
    ['web/src/App.vue', false],
    ['README.md', false],
    ['resolvers/generated/graphql.ts', false],
    ['schema.graphql.bak', false],
    ['infrastructure/x.ts', false],
  ])('%s → %s', (path, expected) => {
    expect(isStackSource(path, SOURCES)).toBe(expected);
  });
});

describe('createChangeBatcher', () => {
  it('runs one batch per burst, and never two at once', async () => {
    const batches: string[][] = [];
    let concurrent = 0;
    let maxConcurrent = 0;
    let release: () => void = () => {};
    const batcher = createChangeBatcher({
      debounceMs: 20,
      async run(paths) {
        concurrent += 1;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        batches.push(paths);
        if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
        concurrent -= 1;
      },
    });
    batcher.add('a');
    batcher.add('b');
    batcher.add('a');
    await eventually(() => expect(batches).toEqual([['a', 'b']]));
    batcher.add('c'); // arrives while the first batch runs
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(batches).toHaveLength(1);
    release();
    await batcher.idle();
    expect(batches).toEqual([['a', 'b'], ['c']]);
    expect(maxConcurrent).toBe(1);
  });
});

describe('watchSourceTree', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'watch-test-'));
    mkdirSync(join(root, 'resolvers', 'lib'), { recursive: true });
    mkdirSync(join(root, 'web'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reports source changes in debounced batches and ignores the rest', async () => {
    const batches: string[][] = [];
    const watcher = watchSourceTree(root, SOURCES, 200, async (paths) => {
      batches.push(paths);
    });
    try {
      writeFileSync(join(root, 'web', 'App.vue'), 'x');
      writeFileSync(join(root, 'resolvers', 'lib', 'thing.test.ts'), 'x');
      writeFileSync(join(root, 'resolvers', 'lib', 'thing.ts'), 'export const a = 1;');
      writeFileSync(join(root, 'schema.graphql'), 'type Query { a: Int }');
      // A write may raise two events that land in two batches on a loaded machine: compare the set of paths.
      await eventually(() => expect([...new Set(batches.flat())].sort()).toEqual([join('resolvers', 'lib', 'thing.ts'), 'schema.graphql']));
      await watcher.idle();
    } finally {
      await watcher.stop();
    }
  });
});

describe('stableLocalValues and functionsChanged', () => {
  it('gives each logical id one value across readStack calls', () => {
    let calls = 0;
    const values = stableLocalValues({ region: 'r', accountId: 'a', apiKeyValue: (id) => `${id}-${++calls}` });
    expect(values.apiKeyValue?.('Key')).toBe('Key-1');
    expect(values.apiKeyValue?.('Key')).toBe('Key-1');
    expect(values.apiKeyValue?.('Other')).toBe('Other-2');
  });

  it('sees a new code folder as a change, and nothing else as none', () => {
    const config = (codeDir: string): StackDescription => ({
      stackName: 's',
      apis: [],
      tables: [],
      queues: [],
      eventSourceMappings: [],
      functions: [{ logicalId: 'Fn', name: 'fn', handler: 'index.handler', codeDir, runtime: 'nodejs20.x', environment: {}, timeoutSeconds: 3, memorySize: 128 }],
    });
    expect(functionsChanged(config('/a'), config('/a'))).toBe(false);
    expect(functionsChanged(config('/a'), config('/b'))).toBe(true);
  });
});

describe('watchLocalStack reloads the running engine', () => {
  let server: AppSyncServer;
  let root: string;
  const apiKey = oneResolverApi('').apiKeys[0]!.id;
  const configWith = (code: string): StackDescription => ({
    stackName: 's',
    apis: [oneResolverApi(code)],
    tables: [],
    functions: [],
    eventSourceMappings: [],
    queues: [],
  });
  const hello = async () => {
    const response = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify({ query: '{ hello }' }),
    });
    return ((await response.json()) as { data: { hello: string } }).data.hello;
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'watch-stack-test-'));
    server = await startAppSyncServer(
      noneOnlyServerOptions(oneResolverApi(helloCode('v1')), { accessKeyId: 'AKIDWATCH', secretAccessKey: 'watch-secret' }),
    );
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('swaps in new code, keeps the old code when the new one fails the check, leaves functions alone', async () => {
    let nextCode = helloCode('v2');
    const logs: string[] = [];
    let functionStops = 0;
    let functionStarts = 0;
    const functions: RunningFunctions = {
      runners: new Map(),
      destinations: new OnFailureDestinations(),
      settled: async () => {},
      stop: async () => {
        functionStops += 1;
      },
    };
    const watcher = watchLocalStack({
      rootDir: root,
      sources: ['resolvers'],
      config: configWith(helloCode('v1')),
      apis: new Map([[oneResolverApi('').logicalId, server]]),
      functions,
      startFunctions: async () => {
        functionStarts += 1;
        return functions;
      },
      loadConfig: async () => configWith(nextCode),
      log: (line) => logs.push(line),
    });
    try {
      expect(await hello()).toBe('v1');
      await watcher.reload(['resolvers/Query.hello.ts']);
      expect(await hello()).toBe('v2');

      nextCode = `export function request() { while (true) {} }\nexport function response(ctx) { return ctx.result; }\n`;
      await watcher.reload(['resolvers/Query.hello.ts']);
      expect(logs.join('\n')).toMatch(/reload failed, the previous version keeps running:[\s\S]*Resolver Query\.hello .*@aws-appsync\/no-while/);
      expect(await hello()).toBe('v2');
      expect([functionStops, functionStarts]).toEqual([0, 0]);
    } finally {
      await watcher.stop();
    }
  });
});
