/**
 * The engine's clock option: resolvers (APPSYNC_JS and VTL) read "now" from the clock the engine was started with, so
 * a test can move time instead of waiting; auth checks stay on the machine's clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiConfig, ResolverConfig } from '../../stack-description.ts';
import { apiKeyQuery } from '../../test-support/graphql-request.ts';
import { startAppSyncServer, type AppSyncServer } from '../server.ts';
import { adjustableClock, systemClock } from './clock.ts';
import { loadModule } from './load-module.ts';
import { testContext } from './test-context.ts';

const API_KEY = 'da2-clocktest00000000000000000';
const runtime = { name: 'APPSYNC_JS' as const, runtimeVersion: '1.0.0' };
const DAY_MS = 86_400_000;

const schema = /* GraphQL */ `
  type Query {
    jsNow: Float
    jsIso: String
    jsUlid: String
    vtlNow: Float
  }
`;

/** An APPSYNC_JS resolver on NONE whose request handler answers `expression`. */
function jsResolver(fieldName: string, expression: string): ResolverConfig {
  return {
    typeName: 'Query',
    fieldName,
    kind: 'UNIT',
    dataSource: 'none',
    code: `import { util } from '@aws-appsync/utils';
export function request() { return { payload: ${expression} }; }
export function response(ctx) { return ctx.result; }`,
    runtime,
  };
}

function clockApi(): ApiConfig {
  return {
    logicalId: 'Api',
    name: 'clock-test',
    schema,
    defaultAuth: 'API_KEY',
    additionalAuth: [],
    // The key's expiry is on the machine's clock: moving resolver time a year ahead must not expire it.
    apiKeys: [{ logicalId: 'Key', id: API_KEY, expires: Math.floor(Date.now() / 1000) + 3600 }],
    environmentVariables: {},
    dataSources: { none: { name: 'none', type: 'NONE' } },
    functions: {},
    resolvers: [
      jsResolver('jsNow', 'util.time.nowEpochSeconds()'),
      jsResolver('jsIso', 'util.time.nowISO8601()'),
      jsResolver('jsUlid', 'util.autoUlid()'),
      {
        typeName: 'Query',
        fieldName: 'vtlNow',
        kind: 'UNIT',
        dataSource: 'none',
        code: 'export function request(ctx) { return {}; }\nexport function response(ctx) { return ctx.result; }',
        runtime,
        vtl: {
          request: '{"version": "2018-05-29", "payload": $util.time.nowEpochSeconds()}',
          response: '$util.toJson($ctx.result)',
        },
      },
    ],
  };
}

/** Milliseconds encoded in a ULID's first 10 Crockford base-32 characters. */
function ulidMillis(ulid: string): number {
  return [...ulid.slice(0, 10)].reduce((sum, char) => sum * 32 + '0123456789ABCDEFGHJKMNPQRSTVWXYZ'.indexOf(char), 0);
}

describe('adjustableClock', () => {
  it('runs at the machine pace from where it is set or advanced to', () => {
    const clock = adjustableClock();
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(50);
    clock.advance(DAY_MS);
    expect(clock.now() - Date.now()).toBeGreaterThan(DAY_MS - 50);
    clock.set(1_000_000);
    const read = clock.now();
    expect(read).toBeGreaterThanOrEqual(1_000_000);
    expect(read).toBeLessThan(1_000_050);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.set(Number.NaN)).toThrow(RangeError);
  });

  it('the system clock is the machine time', () => {
    expect(Math.abs(systemClock.now() - Date.now())).toBeLessThan(50);
  });
});

describe('loadModule({ clock })', () => {
  const ctx = testContext();

  it('util.time reads the clock at each evaluation, so moving it after the load counts', () => {
    const clock = adjustableClock();
    clock.set(1_517_943_695_750);
    const module = loadModule(
      `import { util } from '@aws-appsync/utils';
export function request() { return [util.time.nowEpochMilliSeconds(), util.time.nowFormatted('yyyy-MM-dd HH:mm', 'UTC')]; }`,
      'clock.js',
      { clock },
    );
    const [before] = module.evaluate('request', ctx).result as [number, string];
    expect(before - 1_517_943_695_750).toBeLessThan(1000);
    clock.set(Date.UTC(2030, 0, 2, 3, 4, 5));
    const [millis, formatted] = module.evaluate('request', ctx).result as [number, string];
    expect(millis - Date.UTC(2030, 0, 2, 3, 4, 5)).toBeLessThan(1000);
    expect(formatted).toBe('2030-01-02 03:04');
  });

  it('moving the clock far ahead does not time the evaluation out (the limit is on the machine clock)', () => {
    const clock = adjustableClock();
    const module = loadModule(`export function request() { return 1; }`, 'limit.js', { clock, timeoutMs: 1000 });
    clock.advance(DAY_MS);
    expect(module.evaluate('request', ctx)).toMatchObject({ result: 1 });
    expect(module.evaluate('request', ctx).error).toBeUndefined();
  });
});

describe('startAppSyncServer({ clock })', () => {
  const clock = adjustableClock();
  let server: AppSyncServer;
  const query = (text: string) => apiKeyQuery(server.graphqlUrl, API_KEY, text);

  beforeAll(async () => {
    // NONE data sources only: no DynamoDB is reached.
    server = await startAppSyncServer({ api: clockApi(), dynamodb: { endpoint: 'http://127.0.0.1:9', region: 'us-east-1' }, region: 'us-east-1', clock });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('APPSYNC_JS and VTL resolvers answer the moved time; the API key (machine time) still works', async () => {
    const machineSeconds = Math.floor(Date.now() / 1000);
    const first = await query('{ jsNow vtlNow }');
    expect(first.errors).toBeUndefined();
    expect(Math.abs((first.data?.jsNow as number) - machineSeconds)).toBeLessThanOrEqual(2);
    expect(Math.abs((first.data?.vtlNow as number) - machineSeconds)).toBeLessThanOrEqual(2);

    // A year ahead: far past the key's expiry (1 h), which resolver time must not touch.
    clock.advance(365 * DAY_MS);
    const movedSeconds = Math.floor(clock.now() / 1000);
    const moved = await query('{ jsNow jsIso jsUlid vtlNow }');
    expect(moved.errors).toBeUndefined();
    expect((moved.data?.jsNow as number) - movedSeconds).toBeGreaterThanOrEqual(0);
    expect((moved.data?.jsNow as number) - movedSeconds).toBeLessThanOrEqual(2);
    expect((moved.data?.vtlNow as number) - movedSeconds).toBeGreaterThanOrEqual(0);
    expect((moved.data?.vtlNow as number) - movedSeconds).toBeLessThanOrEqual(2);
    expect(Math.abs(Date.parse(moved.data?.jsIso as string) - clock.now())).toBeLessThan(2000);
    // The ULID's time part moves with the clock too (ULIDs sort by the time resolvers see).
    expect(Math.abs(ulidMillis(moved.data?.jsUlid as string) - clock.now())).toBeLessThan(2000);

    clock.set(Date.UTC(2001, 8, 9, 1, 46, 40));
    const set = await query('{ jsNow vtlNow }');
    expect(set.data?.jsNow).toBeGreaterThanOrEqual(1_000_000_000);
    expect(set.data?.jsNow).toBeLessThanOrEqual(1_000_000_002);
    expect(set.data?.vtlNow).toBeGreaterThanOrEqual(1_000_000_000);
    expect(set.data?.vtlNow).toBeLessThanOrEqual(1_000_000_002);
  });

  it('without the option the engine answers the machine time', async () => {
    const plain = await startAppSyncServer({ api: clockApi(), dynamodb: { endpoint: 'http://127.0.0.1:9', region: 'us-east-1' }, region: 'us-east-1' });
    try {
      const answer = await apiKeyQuery(plain.graphqlUrl, API_KEY, '{ jsNow vtlNow }');
      expect(Math.abs((answer.data?.jsNow as number) - Date.now() / 1000)).toBeLessThanOrEqual(2);
      expect(Math.abs((answer.data?.vtlNow as number) - Date.now() / 1000)).toBeLessThanOrEqual(2);
    } finally {
      await plain.stop();
    }
  });
});
