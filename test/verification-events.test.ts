/**
 * Verification events end to end: verifyOtp → table stream → publish-verification-event Lambda → IAM-signed
 * publishOtpVerified → AppSync real-time → an IAM subscriber, for email and SMS sessions. Raw WebSocket (AppSync's
 * protocol) so the test knows when the subscription is started (start_ack) before it verifies.
 */
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import type { OtpEndpoints } from './support/otp-stack.ts';
import {
  GenerateOtpDocument,
  GenerateSmsOtpDocument,
  OnOtpVerifiedDocument,
  PublishOtpVerifiedDocument,
  VerifyOtpDocument,
  type OnOtpVerifiedSubscription,
  type OnOtpVerifiedSubscriptionVariables,
} from '../infra/documents/generated/graphql.ts';
import { graphql, queryText } from './support/graphql-client.ts';
import { signIam } from './support/sigv4.ts';
import { codeIn, uniqueEmail, waitForEmail } from './support/inbox.ts';
import { codeInText, uniqueMobile, waitForText } from './support/sms-inbox.ts';
import { sharedEndpoints, sharedStackSettled } from './support/shared-stack.ts';
import { settledAndRead } from './support/settled.ts';

const endpoints = await sharedEndpoints();

/** What subscribers receive. */
type OtpVerifiedEvent = NonNullable<OnOtpVerifiedSubscription['onOtpVerified']>;

type Auth = 'iam' | 'apiKey';

/** A subscription on the real-time endpoint: its events, or why it was refused. */
interface Subscriber {
  events: OtpVerifiedEvent[];
  close(): void;
}

const sockets: WebSocket[] = [];

// After the file, not after each test: the tests run side by side, and one test's end must not close another's
// subscriptions while it still waits for events.
afterAll(() => {
  for (const socket of sockets.splice(0)) socket.close();
});

async function authHeaders(endpoints: OtpEndpoints, auth: Auth, url: string, body: string): Promise<Record<string, string>> {
  if (auth === 'apiKey') return { host: new URL(endpoints.graphqlUrl).host, 'x-api-key': endpoints.apiKey };
  return signIam(url, body, { iam: endpoints.iam, region: endpoints.region });
}

/**
 * Opens a connection (handshake with `auth`) and starts `onOtpVerified` with `filter` (an email, a phone number, or
 * none); resolves on start_ack, rejects on refusal.
 */
async function subscribe(endpoints: OtpEndpoints, auth: Auth, filter: OnOtpVerifiedSubscriptionVariables): Promise<Subscriber> {
  const header = Buffer.from(JSON.stringify(await authHeaders(endpoints, auth, `${endpoints.graphqlUrl}/connect`, '{}'))).toString('base64');
  const socket = new WebSocket(`${endpoints.realtimeUrl}?header=${encodeURIComponent(header)}&payload=e30=`, ['graphql-ws']);
  sockets.push(socket);
  const events: OtpVerifiedEvent[] = [];
  const data = JSON.stringify({ query: queryText(OnOtpVerifiedDocument), variables: filter });
  const authorization = await authHeaders(endpoints, auth, endpoints.graphqlUrl, data);
  return new Promise<Subscriber>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no start_ack within 20 s')), 20_000);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('error', (error) => reject(error));
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { type: string; id?: string; payload?: unknown };
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: 'sub-1', type: 'start', payload: { data, extensions: { authorization } } }));
      } else if (message.type === 'start_ack') {
        clearTimeout(timer);
        resolve({ events, close: () => socket.close() });
      } else if (message.type === 'data') {
        events.push((message.payload as { data: { onOtpVerified: OtpVerifiedEvent } }).data.onOtpVerified);
      } else if (message.type === 'error' || message.type === 'connection_error') {
        clearTimeout(timer);
        reject(new Error(`${message.type}: ${JSON.stringify(message.payload)}`));
      }
    });
  });
}

/** generateOtp for a fresh address, then its code from the local inbox. */
async function newSession(endpoints: OtpEndpoints, label: string): Promise<{ email: string; sessionId: string; code: string }> {
  const email = uniqueEmail(label).toLowerCase();
  const answer = await graphql(endpoints, GenerateOtpDocument, { email });
  const sessionId = answer.body.data?.generateOtp?.sessionId;
  if (!sessionId) throw new Error(`generateOtp failed: ${JSON.stringify(answer.body)}`);
  return { email, sessionId, code: codeIn(await waitForEmail(endpoints, email, 20_000)) };
}

async function waitForEvents(subscriber: Subscriber, count: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (subscriber.events.length < count) {
    if (Date.now() > deadline) throw new Error(`${subscriber.events.length} of ${count} events within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Once this resolves, a duplicate event would have arrived: the stack has settled (every stream record delivered and
 * the publisher's invocations ended, their publishOtpVerified mutations included), and the engine writes a
 * subscription's data to its socket while it runs the mutation.
 */
const afterAnyDuplicate = () => settledAndRead(sharedStackSettled);

// Each test has its own session, address or number and subscribes filtered on it (the unfiltered subscriber is read
// for its own session only): they run side by side.
describe.concurrent('onOtpVerified (IAM)', () => {

  it('delivers exactly one event with sessionId, email and verifiedAt when a session is verified', async () => {
    const session = await newSession(endpoints, 'event');
    const subscriber = await subscribe(endpoints, 'iam', { email: session.email });

    const verified = await graphql(endpoints, VerifyOtpDocument, { sessionId: session.sessionId, code: session.code });
    expect(verified.body.data?.verifyOtp?.verified).toBe(true);

    await waitForEvents(subscriber, 1);
    await afterAnyDuplicate();
    expect(subscriber.events).toHaveLength(1);
    const [event] = subscriber.events;
    expect(event).toMatchObject({ sessionId: session.sessionId, email: session.email, phoneNumber: null });
    expect(Math.abs(Date.parse(event!.verifiedAt) - Date.now())).toBeLessThan(60_000);
  });

  it('delivers one event for 10 concurrent right guesses', async () => {
    const session = await newSession(endpoints, 'event-burst');
    const subscriber = await subscribe(endpoints, 'iam', { email: session.email });

    const answers = await Promise.all(
      Array.from({ length: 10 }, () => graphql(endpoints, VerifyOtpDocument, { sessionId: session.sessionId, code: session.code })),
    );
    expect(answers.filter((answer) => answer.body.data?.verifyOtp?.verified)).toHaveLength(1);

    await waitForEvents(subscriber, 1);
    await afterAnyDuplicate();
    expect(subscriber.events.map((event) => event.sessionId)).toEqual([session.sessionId]);
  });

  it('delivers an SMS session\'s verification with its number (email null), filtered on the number', async () => {
    const phoneNumber = uniqueMobile('GB');
    const started = await graphql(endpoints, GenerateSmsOtpDocument, { phoneNumber });
    const sessionId = started.body.data?.generateSmsOtp?.sessionId;
    if (!sessionId) throw new Error(`generateSmsOtp failed: ${JSON.stringify(started.body)}`);
    const code = codeInText(await waitForText(endpoints, phoneNumber, 20_000));
    const byNumber = await subscribe(endpoints, 'iam', { phoneNumber });
    const otherNumber = await subscribe(endpoints, 'iam', { phoneNumber: uniqueMobile('GB') });
    const byEmail = await subscribe(endpoints, 'iam', { email: uniqueEmail('not-sms') });
    const everyone = await subscribe(endpoints, 'iam', {});

    const verified = await graphql(endpoints, VerifyOtpDocument, { sessionId, code });
    expect(verified.body.data?.verifyOtp?.verified).toBe(true);

    await waitForEvents(byNumber, 1);
    await afterAnyDuplicate();
    expect(byNumber.events).toHaveLength(1);
    expect(byNumber.events[0]).toEqual({ sessionId, email: null, phoneNumber, verifiedAt: expect.any(String) });
    expect(Math.abs(Date.parse(byNumber.events[0]!.verifiedAt) - Date.now())).toBeLessThan(60_000);
    // Other suites verify sessions on this stack too: the unfiltered subscriber is checked for this session only.
    expect(everyone.events.filter((event) => event.sessionId === sessionId)).toEqual(byNumber.events);
    expect(otherNumber.events).toEqual([]);
    expect(byEmail.events).toEqual([]);
  });

  it('refuses a subscription made with the API key', async () => {
    await expect(subscribe(endpoints, 'apiKey', { email: uniqueEmail('nosub') })).rejects.toThrow(/Unauthorized/);
  });

  it('refuses publishOtpVerified with the API key (Unauthorized)', async () => {
    const variables = { sessionId: 'forged', email: 'victim@example.com', verifiedAt: new Date().toISOString() };
    const answer = await graphql(endpoints, PublishOtpVerifiedDocument, variables);
    expect(answer.body.data?.publishOtpVerified ?? null).toBeNull();
    expect(answer.body.errors?.[0]).toMatchObject({
      errorType: 'Unauthorized',
      message: 'Not Authorized to access publishOtpVerified on type Mutation',
    });
  });
});
