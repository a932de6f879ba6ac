/**
 * The service's promise, attacked the way an attacker holding only the public API key (or some other IAM principal)
 * would, through the local stack: bursts of guesses that include the right code, aliases in one request, variants
 * of one mailbox, forged verification events, and requests aimed at the engine from another origin.
 * RELIABILITY.md's Attacks table reports what each of these did before and after the fixes (`npm run attacks`).
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aliasedGenerate,
  burstOfGuesses,
  forgedEvents,
  MAILBOX_VARIANTS,
  mailboxVariants,
  newSession,
  newSessions,
  wrongCodes,
} from './support/attack-runs.ts';
import { GenerateOtpDocument, VerifyOtpDocument } from '../infra/documents/generated/graphql.ts';
import { graphql, queryText } from './support/graphql-client.ts';
import { signIam } from './support/sigv4.ts';
import { uniqueEmail } from './support/inbox.ts';
import { SessionTable } from './support/table.ts';
import { POLICY_DEFAULTS } from '../infra/model/index.ts';
import { sharedEndpoints, sharedStackSettled } from './support/shared-stack.ts';

const endpoints = await sharedEndpoints();
const table = new SessionTable(endpoints);
afterAll(() => table.close());

/** The shared stack runs with the policy's default. */
const MAX_ATTEMPTS = POLICY_DEFAULTS.maxAttempts;
const verify = (sessionId: string, code: string) => graphql(endpoints, VerifyOtpDocument, { sessionId, code });

describe('a burst of guesses that includes the right code', () => {
  /** The bursts' sessions, each with its code: created together up front (one by one, waiting for each email, took 5 s). */
  let burstSessions: { sessionId: string; code: string }[] = [];
  beforeAll(async () => {
    burstSessions = await newSessions(endpoints, 20);
  }, 120_000);

  it('20 sessions × 200 concurrent guesses, the right one last: at most 2 verify and no session compares more than 5', async () => {
    let verifiedSessions = 0;
    for (let session = 0; session < 20; session += 1) {
      const outcome = await burstOfGuesses(endpoints, table, 200, burstSessions[session]);
      expect(outcome.compared).toBeLessThanOrEqual(MAX_ATTEMPTS);
      expect(outcome.storedAttempts).toBeLessThanOrEqual(MAX_ATTEMPTS);
      expect(outcome.verified).toBeLessThanOrEqual(1);
      expect(outcome.verified === 1).toBe(outcome.storedVerified);
      verifiedSessions += outcome.verified;
    }
    expect(verifiedSessions).toBeLessThanOrEqual(2);
  }, 240_000);

  it('a counted right code still verifies after four wrong ones, and the fifth wrong one locks the session', async () => {
    const { sessionId, code } = await newSession(endpoints, uniqueEmail('fifth'));
    for (const wrong of wrongCodes(code, 4)) expect((await verify(sessionId, wrong)).body.data?.verifyOtp?.status).toBe('INVALID_CODE');
    expect((await verify(sessionId, code)).body.data?.verifyOtp).toEqual({ verified: true, status: 'VERIFIED', attemptsRemaining: 0, token: expect.any(String) });

    const locked = await newSession(endpoints, uniqueEmail('fifth-locked'));
    for (const wrong of wrongCodes(locked.code, 5)) await verify(locked.sessionId, wrong);
    expect((await verify(locked.sessionId, locked.code)).body.data?.verifyOtp?.status).toBe('LOCKED');
    expect((await table.session(locked.sessionId))?.attempts).toBe(MAX_ATTEMPTS);
  }, 60_000);
});

// These tests each wait for the shared stack to settle before counting emails, on addresses of their own: they run
// side by side.
describe.concurrent('emails that must not be sent', () => {
  describe('one request, many verifications', () => {
    it('10 aliased generateOtp fields for 10 addresses start at most 1 session and send at most 1 email', async () => {
      const outcome = await aliasedGenerate(endpoints, sharedStackSettled, 10);
      expect(outcome.sessionsReturned).toBeLessThanOrEqual(1);
      expect(outcome.emailsSent).toBeLessThanOrEqual(1);
      // The second field fails (ResolverCountLimitExceeded); OtpSession! nulls the mutation and no later field runs.
      expect(outcome.errors).toBeGreaterThanOrEqual(1);
    });
  });

  describe('variants of one mailbox share one send limit', () => {
    it.each(Object.entries(MAILBOX_VARIANTS))('%s: one code within the cooldown, one email', async (_label, variantsOf) => {
      const outcome = await mailboxVariants(endpoints, sharedStackSettled, variantsOf);
      expect(outcome.accepted).toBe(1);
      expect(outcome.refusedTypes).toEqual(['RateLimitExceeded', 'RateLimitExceeded', 'RateLimitExceeded']);
      expect(outcome.emailsSent).toBe(1);
    });
  });
});

describe('forged verification events', () => {
  it('refuses publishOtpVerified from an IAM principal that is not the publisher function, even for a real verification', async () => {
    const outcome = await forgedEvents(endpoints);
    expect(outcome.published).toBe(0);
    expect(outcome.errorTypes).toEqual(['Unauthorized', 'Unauthorized']);
  });
});

/** Sends a raw HTTP request with an arbitrary Host header (fetch cannot set one). */
function requestWithHost(target: string, host: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(target);
    const outgoing = httpRequest(
      { hostname: url.hostname, port: url.port, path: url.pathname, method: body ? 'POST' : 'GET', headers: { ...headers, host } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describe('requests to the engine from elsewhere', () => {
  const body = JSON.stringify({ query: queryText(GenerateOtpDocument), variables: { email: uniqueEmail('rebind') } });
  const headers = (e: typeof endpoints) => ({ 'content-type': 'application/json', 'x-api-key': e.apiKey });

  it('refuses a request whose Host is not the engine (DNS rebinding), for the API and the explorer page', async () => {
    const origin = new URL(endpoints.graphqlUrl).origin;
    expect(await requestWithHost(endpoints.graphqlUrl, `attacker.example:${new URL(origin).port}`, body, headers(endpoints))).toBe(403);
    expect(await requestWithHost(`${origin}/`, 'attacker.example', '', {})).toBe(403);
    expect(await requestWithHost(endpoints.graphqlUrl, new URL(origin).host, body, headers(endpoints))).toBe(200);
  });

  it('refuses a SigV4 signature that does not sign the host header', async () => {
    const query = JSON.stringify({ query: '{ __typename }' });
    const signed = await signIam(endpoints.graphqlUrl, query, { iam: endpoints.iam, region: endpoints.region }, { unsignedHeaders: new Set(['host']) });
    const { host: _host, ...withoutHostHeader } = signed;
    expect(signed.authorization).not.toMatch(/SignedHeaders=[^,]*host/);
    const response = await fetch(endpoints.graphqlUrl, { method: 'POST', headers: withoutHostHeader, body: query });
    expect(response.status).toBe(401);
  });
});
