/**
 * Short soak on the shared stack: SOAK_CLIENTS concurrent clients (default 16) each run generate → read email →
 * verify in a loop for SOAK_SECONDS (default 20). Long form: `SOAK_SECONDS=60 SOAK_CLIENTS=32 npx vitest run
 * test/soak.test.ts`. Asserts no 5xx, every answer well-formed, every flow verified, and exactly one email per
 * session; prints the stack processes' resident memory before and after (RELIABILITY.md records the figures).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { GenerateOtpDocument, VerifyOtpDocument } from '../infra/documents/generated/graphql.ts';
import { graphql } from './support/graphql-client.ts';
import { codeIn, uniqueEmail } from './support/inbox.ts';
import { MailWatcher } from './support/mail-watcher.ts';
import { pidListeningOn, portOf, rssBytes } from './support/process-memory.ts';
import { sharedEndpoints, sharedStackSettled } from './support/shared-stack.ts';

const endpoints = await sharedEndpoints();
const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 20);
const SOAK_CLIENTS = Number(process.env.SOAK_CLIENTS ?? 16);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const watcher = new MailWatcher(endpoints);
afterAll(() => watcher.stop());

/** Resident memory of the engine's process (the shared stack's own process, test/support/shared-stack-process.ts) and DynamoDB Local. */
function stackMemory(): Record<string, number | undefined> {
  const enginePid = pidListeningOn(portOf(endpoints.graphqlUrl));
  const dynamodbPid = pidListeningOn(portOf(endpoints.dynamodbUrl));
  const mb = (bytes: number | undefined) => (bytes === undefined ? undefined : Math.round(bytes / 2 ** 20));
  return {
    engineRssMb: mb(enginePid === undefined ? undefined : rssBytes(enginePid)),
    dynamodbRssMb: mb(dynamodbPid === undefined ? undefined : rssBytes(dynamodbPid)),
  };
}

interface Tally {
  flows: number;
  failures: string[];
  statuses: Map<number, number>;
  addresses: string[];
  latenciesMs: number[];
}

/** One client's loop; records every deviation instead of throwing, so one failure does not hide the others. */
async function client(index: number, until: number, tally: Tally): Promise<void> {
  while (Date.now() < until) {
    const email = uniqueEmail(`soak-${index}`).toLowerCase();
    tally.addresses.push(email);
    const started = Date.now();
    const generated = await graphql(endpoints, GenerateOtpDocument, { email });
    tally.statuses.set(generated.status, (tally.statuses.get(generated.status) ?? 0) + 1);
    const session = generated.body.data?.generateOtp;
    if (generated.status !== 200 || generated.body.errors || !session || !UUID.test(session.sessionId)) {
      tally.failures.push(`generateOtp ${generated.status} ${JSON.stringify(generated.body).slice(0, 200)}`);
      continue;
    }
    let code: string;
    try {
      code = codeIn(await watcher.waitFor(email, 60_000));
    } catch (error) {
      tally.failures.push(`email: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const verified = await graphql(endpoints, VerifyOtpDocument, { sessionId: session.sessionId, code });
    tally.statuses.set(verified.status, (tally.statuses.get(verified.status) ?? 0) + 1);
    const result = verified.body.data?.verifyOtp;
    if (verified.status !== 200 || verified.body.errors || result?.status !== 'VERIFIED' || result.verified !== true) {
      tally.failures.push(`verifyOtp ${verified.status} ${JSON.stringify(verified.body).slice(0, 200)}`);
      continue;
    }
    tally.latenciesMs.push(Date.now() - started);
    tally.flows += 1;
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

describe(`soak: ${SOAK_CLIENTS} clients for ${SOAK_SECONDS} s`, () => {
  it(
    'every flow verifies, no 5xx, exactly one email per session',
    async () => {
      watcher.start();
      // One flow first, uncounted: the email Lambda's container starts on its first invocation (a cold start that
      // takes tens of seconds on a loaded machine) and would otherwise dominate a 20 s run.
      const warmUp: Tally = { flows: 0, failures: [], statuses: new Map(), addresses: [], latenciesMs: [] };
      await client(-1, Date.now() + 1, warmUp);
      expect(warmUp.failures).toEqual([]);
      const before = stackMemory();
      const tally: Tally = { flows: 0, failures: [], statuses: new Map(), addresses: [], latenciesMs: [] };
      const until = Date.now() + SOAK_SECONDS * 1000;
      await Promise.all(Array.from({ length: SOAK_CLIENTS }, (_, i) => client(i, until, tally)));
      // Duplicate deliveries would show up here (every flow already had its email, so nothing is late). A duplicate is a
      // record delivered again (a retry after a failed or timed-out batch): once the stack has settled, every record
      // written so far has been delivered, retries included, and every email it caused is in the inbox.
      const settleStarted = Date.now();
      await sharedStackSettled();
      const settleMs = Date.now() - settleStarted;
      await watcher.stop();
      await watcher.poll();
      const after = stackMemory();
      const sorted = [...tally.latenciesMs].sort((a, b) => a - b);
      const emailCounts = tally.addresses.map((address) => watcher.mailTo(address).length);
      console.log(
        `[soak] ${SOAK_CLIENTS} clients × ${SOAK_SECONDS} s: ${tally.flows} verified flows of ${tally.addresses.length} started, ` +
          `statuses ${JSON.stringify(Object.fromEntries(tally.statuses))}, flow p50 ${percentile(sorted, 50)} ms p95 ${percentile(sorted, 95)} ms, ` +
          `settle ${settleMs} ms, ` +
          `memory before ${JSON.stringify(before)} after ${JSON.stringify(after)}`,
      );
      expect(tally.failures).toEqual([]);
      expect([...tally.statuses.keys()]).toEqual([200]);
      expect(tally.flows).toBeGreaterThan(0);
      expect(tally.flows).toBe(tally.addresses.length);
      expect(emailCounts.filter((count) => count !== 1)).toEqual([]);
    },
    (SOAK_SECONDS + 180) * 1000,
  );
});
