/**
 * Subscription invalidation over the raw protocol, per
 * https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-invalidation.html and
 * https://docs.aws.amazon.com/appsync/latest/devguide/extensions-js.html (setSubscriptionInvalidationFilter,
 * invalidateSubscriptions). The `complete` message is our decision (see README.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppSyncServer } from '../server.ts';
import { validInvalidations } from './invalidation.ts';
import { apiKeyHeaders, publish, RawClient, removeMember, startRealtimeTestServer } from './test-api.ts';

const ON_CHANNEL = 'subscription S($c: String!, $m: String!) { onChannel(channel: $c, member: $m) { channel severity } }';
const ON_PUBLISH = 'subscription { onPublish { channel } }';

let server: AppSyncServer;
const clients: RawClient[] = [];

async function connected(): Promise<RawClient> {
  const client = await RawClient.openWithQuery(server, apiKeyHeaders(server));
  clients.push(client);
  expect((await client.init()).type).toBe('connection_ack');
  return client;
}

beforeAll(async () => {
  server = await startRealtimeTestServer();
}, 60_000);

afterAll(async () => {
  for (const client of clients) client.close();
  await server?.stop();
});

describe('subscription invalidation', () => {
  it('unsubscribes only the subscriptions whose invalidation filter matches the payload', async () => {
    const alice = await connected();
    const bob = await connected();
    expect(await alice.start('a', ON_CHANNEL, apiKeyHeaders(server), { c: 'team', m: 'alice' })).toEqual({ type: 'start_ack', id: 'a' });
    expect((await alice.start('other', ON_PUBLISH, apiKeyHeaders(server))).type).toBe('start_ack');
    expect((await bob.start('b', ON_CHANNEL, apiKeyHeaders(server), { c: 'team', m: 'bob' })).type).toBe('start_ack');

    expect(await removeMember(server, 'team', 'alice')).toEqual({ data: { removeMember: { channel: 'team' } } });
    expect(await alice.next((message) => message.id === 'a')).toEqual({ type: 'complete', id: 'a' });

    // Alice's other subscription and Bob's subscription keep receiving; Alice's invalidated one does not.
    await publish(server, 'team', 2);
    expect(await bob.next((message) => message.id === 'b')).toEqual({ type: 'data', id: 'b', payload: { data: { onChannel: { channel: 'team', severity: 2 } } } });
    expect((await alice.next((message) => message.id === 'other')).type).toBe('data');
    expect(alice.pending('a')).toEqual([]);
    expect(alice.closed).toBe(false);
  });

  it('leaves subscriptions alone when the payload does not match, and other fields\' subscriptions untouched', async () => {
    const client = await connected();
    expect((await client.start('c', ON_CHANNEL, apiKeyHeaders(server), { c: 'ops', m: 'carol' })).type).toBe('start_ack');
    expect((await client.start('p', ON_PUBLISH, apiKeyHeaders(server))).type).toBe('start_ack');
    await removeMember(server, 'ops', 'dave');
    await removeMember(server, 'elsewhere', 'carol');
    await publish(server, 'ops', 1);
    expect((await client.next((message) => message.id === 'c')).type).toBe('data');
    expect((await client.next((message) => message.id === 'p')).type).toBe('data');
    expect([...client.pending('c'), ...client.pending('p')].filter((message) => message.type === 'complete')).toEqual([]);
  });
});

describe('validInvalidations', () => {
  it('keeps calls naming a subscription field and drops malformed ones', () => {
    expect(validInvalidations([{ subscriptionField: 'onX', payload: { a: 1 } }, { subscriptionField: 'onY' }, null, 'x', { payload: {} }])).toEqual([
      { subscriptionField: 'onX', payload: { a: 1 } },
      { subscriptionField: 'onY', payload: null },
    ]);
    expect(validInvalidations(undefined)).toEqual([]);
  });
});
