import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppSyncServer } from '../server.ts';
import { apiKeyHeaders, iamHeaders, publish, RawClient, startRealtimeTestServer } from './test-api.ts';

const ON_PUBLISH = 'subscription S($c: String) { onPublish(channel: $c) { channel severity msg: message __typename } }';
const ON_SEVERE = 'subscription { onSevere(minSeverity: 5) { channel severity } }';

let server: AppSyncServer;
const clients: RawClient[] = [];

async function connected(): Promise<RawClient> {
  const client = await RawClient.openWithQuery(server, apiKeyHeaders(server));
  clients.push(client);
  expect(await client.init()).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } });
  return client;
}

beforeAll(async () => {
  // A short keep-alive interval so the suite sees `ka` without waiting a minute.
  server = await startRealtimeTestServer(200);
}, 60_000);

afterAll(async () => {
  for (const client of clients) client.close();
  await server?.stop();
});

describe('real-time handshake', () => {
  it('acknowledges an API-key handshake in ?header= and keeps the connection alive with ka', async () => {
    const client = await connected();
    expect((await client.next((message) => message.type === 'ka')).type).toBe('ka');
    expect((await client.next((message) => message.type === 'ka')).type).toBe('ka');
  });

  it('acknowledges an IAM handshake signed for POST /graphql/connect with body {}', async () => {
    const headers = await iamHeaders(`${server.graphqlUrl}/connect`, '{}');
    const client = await RawClient.openWithQuery(server, headers);
    clients.push(client);
    expect((await client.init()).type).toBe('connection_ack');
  });

  it('accepts the handshake in a header-<base64url> subprotocol', async () => {
    const header = Buffer.from(JSON.stringify(apiKeyHeaders(server))).toString('base64url');
    const client = await RawClient.open(server.realtimeUrl, ['graphql-ws', `header-${header}`]);
    clients.push(client);
    expect(client.socket.protocol).toBe('graphql-ws');
    expect((await client.init()).type).toBe('connection_ack');
  });

  it.each([
    ['a wrong API key', { host: 'h', 'x-api-key': 'da2-wrong' }],
    ['no header at all', null],
  ])('answers %s with connection_error 401 and closes', async (_, headers) => {
    const client = headers ? await RawClient.openWithQuery(server, headers) : await RawClient.open(server.realtimeUrl, ['graphql-ws']);
    clients.push(client);
    const answer = await client.init();
    expect(answer.type).toBe('connection_error');
    expect(answer.payload?.errors?.[0]).toMatchObject({ errorType: expect.stringContaining('UnauthorizedException'), errorCode: 401 });
    await expect(client.next()).rejects.toThrow('socket closed');
  });

  it.each([
    ['a signature that does not cover host', () => iamHeaders(`${server.graphqlUrl}/connect`, '{}', { signHost: false })],
    ['a signature made for another host', () => iamHeaders(`http://evil.example:${server.port}/graphql/connect`, '{}')],
  ])('refuses an IAM handshake with %s', async (_, headers) => {
    const client = await RawClient.openWithQuery(server, await headers());
    clients.push(client);
    expect((await client.init()).type).toBe('connection_error');
  });

  it('refuses IAM signed over the wrong path', async () => {
    const client = await RawClient.openWithQuery(server, await iamHeaders(server.graphqlUrl, '{}'));
    clients.push(client);
    expect((await client.init()).type).toBe('connection_error');
  });
});

describe('real-time subscriptions', () => {
  it('start → start_ack, data for a published mutation (subscriber selection and aliases), stop → complete', async () => {
    const client = await connected();
    expect(await client.start('s1', ON_PUBLISH, apiKeyHeaders(server), { c: 'news' })).toEqual({ type: 'start_ack', id: 's1' });
    await publish(server, 'news', 3, 'first');
    expect(await client.next((message) => message.id === 's1')).toEqual({
      type: 'data',
      id: 's1',
      payload: { data: { onPublish: { channel: 'news', severity: 3, msg: 'first', __typename: 'Event' } } },
    });
    client.send({ type: 'stop', id: 's1' });
    expect(await client.next((message) => message.id === 's1')).toEqual({ type: 'complete', id: 's1' });
    await publish(server, 'news', 3, 'after stop');
    // The stop was answered before this publish, so nothing more can arrive for s1: a later marker proves it.
    expect(await client.start('marker', ON_PUBLISH, apiKeyHeaders(server))).toMatchObject({ type: 'start_ack' });
    expect(client.pending('s1')).toEqual([]);
  });

  it('filters by subscription arguments', async () => {
    const client = await connected();
    await client.start('sports', ON_PUBLISH, apiKeyHeaders(server), { c: 'sports' });
    await publish(server, 'weather', 1);
    await publish(server, 'sports', 2);
    const event = await client.next((message) => message.id === 'sports');
    expect(event.payload?.data).toMatchObject({ onPublish: { channel: 'sports', severity: 2 } });
  });

  it('applies the enhanced filter set by the subscription resolver', async () => {
    const client = await connected();
    expect((await client.start('severe', ON_SEVERE, apiKeyHeaders(server))).type).toBe('start_ack');
    await publish(server, 'ops', 4);
    await publish(server, 'ops', 9);
    const event = await client.next((message) => message.id === 'severe');
    expect(event.payload?.data).toEqual({ onSevere: { channel: 'ops', severity: 9 } });
  });

  it('carries subscriptions with different auth modes on one connection; IAM signs the data string', async () => {
    const client = await connected();
    const query = 'subscription { onIamOnly { channel } }';
    const refused = await client.start('key', query, apiKeyHeaders(server));
    expect(refused).toMatchObject({ type: 'error', id: 'key', payload: { errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access onIamOnly on type Subscription' }] } });
    const data = JSON.stringify({ query, variables: {} });
    client.send({ type: 'start', id: 'iam', payload: { data, extensions: { authorization: await iamHeaders(server.graphqlUrl, data) } } });
    expect(await client.next((message) => message.id === 'iam')).toEqual({ type: 'start_ack', id: 'iam' });
    expect((await client.start('both', ON_PUBLISH, apiKeyHeaders(server))).type).toBe('start_ack');
    await publish(server, 'mixed', 1);
    expect((await client.next((message) => message.id === 'iam')).payload?.data).toEqual({ onIamOnly: { channel: 'mixed' } });
    expect((await client.next((message) => message.id === 'both')).type).toBe('data');
  });

  it('refuses an IAM start whose signature does not cover host', async () => {
    const client = await connected();
    const query = 'subscription { onIamOnly { channel } }';
    const data = JSON.stringify({ query, variables: {} });
    client.send({ type: 'start', id: 'nohost', payload: { data, extensions: { authorization: await iamHeaders(server.graphqlUrl, data, { signHost: false }) } } });
    expect(await client.next((message) => message.id === 'nohost')).toMatchObject({ type: 'error', payload: { errors: [{ errorType: 'UnauthorizedException', errorCode: 401 }] } });
    client.send({ type: 'start', id: 'withhost', payload: { data, extensions: { authorization: await iamHeaders(server.graphqlUrl, data) } } });
    expect(await client.next((message) => message.id === 'withhost')).toEqual({ type: 'start_ack', id: 'withhost' });
  });

  it.each([
    ['a bad API key', 'subscription { onPublish { channel } }', { 'x-api-key': 'da2-nope' }, 'UnauthorizedException'],
    ['util.unauthorized in the subscription resolver', 'subscription { onRefused { channel } }', null, 'Unauthorized'],
    ['a validation error', 'subscription { onPublish { nope } }', null, 'ValidationError'],
    ['a query', '{ ping }', null, 'UnsupportedOperation'],
  ])('refuses a start with %s', async (_, query, authorization, errorType) => {
    const client = await connected();
    const answer = await client.start('x', query, authorization ?? apiKeyHeaders(server));
    expect(answer).toMatchObject({ type: 'error', id: 'x', payload: { errors: [{ errorType }] } });
  });

  it('answers unknown message types with an error', async () => {
    const client = await connected();
    client.send({ type: 'subscribe', id: 'u' });
    expect(await client.next()).toEqual({
      type: 'error',
      id: 'u',
      payload: { errors: [{ errorType: 'UnsupportedOperation', message: 'subscribe not supported through the realtime channel' }] },
    });
  });
});
