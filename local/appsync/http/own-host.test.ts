/**
 * DNS-rebinding defence: the engine refuses requests whose Host header does not name it — the explorer (which
 * carries the API key), the GraphQL endpoint, EvaluateCode and the WebSocket upgrade. Node's fetch cannot set Host,
 * so the engine is called with node:http.
 */
import { randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helloCode, noneOnlyServerOptions, oneResolverApi } from '../code-check/test-api.ts';
import { startAppSyncServer, type AppSyncServer } from '../server.ts';
import { createHostCheck, FORBIDDEN_HOST, ownHostValues } from './own-host.ts';

const api = oneResolverApi(helloCode('hi'));
const apiKey = api.apiKeys[0]!.id;
let server: AppSyncServer;

beforeAll(async () => {
  server = await startAppSyncServer(
    noneOnlyServerOptions(api, { accessKeyId: 'AKIDHOSTCHECK', secretAccessKey: 'host-check-secret' }),
  );
}, 60_000);

afterAll(() => server?.stop());

interface Answer {
  /** 101 when the WebSocket upgrade was accepted. */
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request to the engine with `host` as its Host header (undefined: none at all). */
function send(host: string | undefined, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({
      host: '127.0.0.1',
      port: server.port,
      method: options.method ?? 'GET',
      path: options.path ?? '/',
      headers: { ...options.headers, ...(host === undefined ? {} : { host }) },
      setHost: false,
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve({ status: response.statusCode ?? 0, headers: response.headers, body: '' });
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

const explorer = (host: string | undefined) => send(host, { path: '/', headers: { accept: 'text/html' } });
const graphql = (host: string | undefined) =>
  send(host, { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', 'x-api-key': apiKey }, body: JSON.stringify({ query: '{ hello }' }) });
const upgrade = (host: string | undefined) =>
  send(host, {
    path: '/graphql/realtime',
    headers: {
      connection: 'Upgrade',
      upgrade: 'websocket',
      'sec-websocket-version': '13',
      'sec-websocket-key': randomBytes(16).toString('base64'),
      'sec-websocket-protocol': 'graphql-ws',
    },
  });

function expectForbidden(answer: Answer): void {
  expect(answer.status).toBe(403);
  expect(JSON.parse(answer.body)).toEqual({ errors: [{ errorType: 'ForbiddenHost', message: FORBIDDEN_HOST.message }] });
  expect(answer.body).not.toContain('evil');
  expect(answer.body).not.toContain(apiKey);
}

describe('the Host check', () => {
  it('refuses a foreign Host for the explorer, /graphql (page and API), EvaluateCode and preflights', async () => {
    const evil = `evil.example:${server.port}`;
    expectForbidden(await explorer(evil));
    expectForbidden(await send(evil, { path: '/graphql', headers: { accept: 'text/html' } }));
    expectForbidden(await graphql(evil));
    expectForbidden(await send(evil, { method: 'POST', path: '/v1/dataplane-evaluatecode', body: '{}' }));
    expectForbidden(await send(evil, { method: 'OPTIONS', path: '/graphql' }));
  });

  it('refuses the WebSocket upgrade of a foreign Host with 403 before upgrading', async () => {
    expectForbidden(await upgrade(`evil.example:${server.port}`));
  });

  it('refuses a missing Host, and our names on another port', async () => {
    expectForbidden(await explorer(undefined));
    expectForbidden(await upgrade(undefined));
    expectForbidden(await graphql(`127.0.0.1:${server.port + 1}`));
    expectForbidden(await graphql('localhost'));
  });

  it.each(['127.0.0.1', 'localhost', 'LocalHost', '[::1]'])('serves everything to %s:<port>', async (name) => {
    const host = `${name}:${server.port}`;
    const page = await explorer(host);
    expect(page.status).toBe(200);
    // The explorer embeds the API's keys in its JSON configuration.
    expect(page.body).toContain(`"value":"${apiKey}"`);
    const answer = await graphql(host);
    expect([answer.status, JSON.parse(answer.body)]).toEqual([200, { data: { hello: 'hi' } }]);
    expect((await upgrade(host)).status).toBe(101);
  });
});

describe('ownHostValues', () => {
  it('names the loopback addresses with the port, and a specific bind address', () => {
    expect([...ownHostValues('127.0.0.1', 4000)].sort()).toEqual(['127.0.0.1:4000', '[::1]:4000', 'localhost:4000']);
    expect(ownHostValues('0.0.0.0', 4000).has('0.0.0.0:4000')).toBe(false);
    expect(ownHostValues('192.168.1.5', 4000).has('192.168.1.5:4000')).toBe(true);
    expect(ownHostValues('fe80::1', 4000).has('[fe80::1]:4000')).toBe(true);
  });

  it('accepts names without a port only on port 80', () => {
    expect(createHostCheck('127.0.0.1', 80)('localhost')).toBe(true);
    expect(createHostCheck('127.0.0.1', 4000)('localhost')).toBe(false);
    expect(createHostCheck('127.0.0.1', 4000)(undefined)).toBe(false);
  });
});
