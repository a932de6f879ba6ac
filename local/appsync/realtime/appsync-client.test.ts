/**
 * AWS's own client against the engine, unchanged: aws-appsync-subscription-link derives `{url}/realtime` from a
 * non-AWS URL (its custom-domain form), sends the handshake as a `header-<base64url>` subprotocol, and signs IAM
 * requests for `{url}/connect` and `{url}`.
 */
import { ApolloClient, gql, InMemoryCache } from '@apollo/client/core';
import { AUTH_TYPE, type AuthOptions } from 'aws-appsync-auth-link';
import { createSubscriptionHandshakeLink } from 'aws-appsync-subscription-link';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppSyncServer } from '../server.ts';
import { API_KEY, IAM, publish, REGION, startRealtimeTestServer, WAIT_MS } from './test-api.ts';

let server: AppSyncServer;
const clients: ApolloClient<unknown>[] = [];

function client(auth: AuthOptions): ApolloClient<unknown> {
  const apollo = new ApolloClient({
    link: createSubscriptionHandshakeLink({ url: server.graphqlUrl, region: REGION, auth }),
    cache: new InMemoryCache(),
  });
  clients.push(apollo);
  return apollo;
}

interface Outcome {
  events: unknown[];
  error?: unknown;
  stop(): void;
}

function subscribe(apollo: ApolloClient<unknown>, query: string, variables: Record<string, unknown> = {}): Outcome {
  const outcome: Outcome = { events: [], stop: () => undefined };
  const subscription = apollo.subscribe({ query: gql(query), variables, fetchPolicy: 'no-cache' }).subscribe({
    next: (event) => outcome.events.push(event.data),
    error: (error: unknown) => {
      outcome.error = error;
    },
  });
  outcome.stop = () => subscription.unsubscribe();
  return outcome;
}

/**
 * The client reports no start_ack to its caller, so publish (a non-matching then a matching event) until the
 * matching one arrives; filters are proven by no non-matching event ever arriving.
 */
async function publishUntil(outcome: Outcome, send: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (outcome.events.length === 0 && outcome.error === undefined) {
    if (Date.now() > deadline) throw new Error('no event arrived');
    await send();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function waitForError(outcome: Outcome): Promise<unknown> {
  const deadline = Date.now() + WAIT_MS;
  while (outcome.error === undefined) {
    if (Date.now() > deadline) throw new Error('no error arrived');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return outcome.error;
}

beforeAll(async () => {
  // Node 20 has no global WebSocket; the link uses the global one, as in browsers.
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
  server = await startRealtimeTestServer();
}, 60_000);

afterAll(async () => {
  for (const apollo of clients) apollo.stop();
  await server?.stop();
});

describe('aws-appsync-subscription-link against the engine', () => {
  it('receives a published event with an API key, filtered by the subscription argument', async () => {
    const outcome = subscribe(client({ type: AUTH_TYPE.API_KEY, apiKey: API_KEY }), 'subscription S($c: String) { onPublish(channel: $c) { channel severity message } }', { c: 'apollo' });
    await publishUntil(outcome, async () => {
      await publish(server, 'other', 1);
      await publish(server, 'apollo', 2, 'hi');
    });
    expect(outcome.error).toBeUndefined();
    expect(outcome.events[0]).toEqual({ onPublish: { __typename: 'Event', channel: 'apollo', severity: 2, message: 'hi' } });
    expect(outcome.events.every((event) => (event as { onPublish: { channel: string } }).onPublish.channel === 'apollo')).toBe(true);
    outcome.stop();
  });

  it('receives events through the enhanced filter with IAM credentials', async () => {
    const outcome = subscribe(client({ type: AUTH_TYPE.AWS_IAM, credentials: IAM }), 'subscription { onSevere(minSeverity: 5) { channel severity } }');
    await publishUntil(outcome, async () => {
      await publish(server, 'iam', 1);
      await publish(server, 'iam', 8);
    });
    expect(outcome.error).toBeUndefined();
    expect(outcome.events.every((event) => (event as { onSevere: { severity: number } }).onSevere.severity === 8)).toBe(true);
    outcome.stop();
  });

  it('refuses an IAM-only subscription started with an API key', async () => {
    const outcome = subscribe(client({ type: AUTH_TYPE.API_KEY, apiKey: API_KEY }), 'subscription { onIamOnly { channel } }');
    const error = (await waitForError(outcome)) as { errors?: { errorType?: string; message?: string }[] };
    expect(JSON.stringify(error)).toContain('Not Authorized to access onIamOnly on type Subscription');
  });
});
