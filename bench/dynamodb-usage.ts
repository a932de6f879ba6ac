/**
 * DynamoDB requests and capacity units per API call, read from the engine's own counters (`stats()`): one GraphQL
 * request per scenario, counters reset before each. Runs against an engine whose counters only this code reads.
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDbStatsSnapshot } from '../local/appsync/data-sources/dynamodb/stats.ts';
import type { GraphQLPost } from './graphql-client.ts';
import { waitForCode } from './inbox.ts';

/** The engine's counters, as `AppSyncServer` exposes them. */
export interface StatsSource {
  stats(): { dynamodb: DynamoDbStatsSnapshot };
  resetStats(): void;
}

/** DynamoDB usage of one scenario. */
export interface UsageRow {
  scenario: string;
  /** What the API answered (status or error type), to show the scenario did what it says. */
  answer: string;
  requests: number;
  byOperation: Record<string, number>;
  readUnits: number;
  writeUnits: number;
}

const GENERATE = 'mutation($e: AWSEmail!){ generateOtp(email: $e){ sessionId } }';
const VERIFY = 'mutation($s: ID!, $c: String!){ verifyOtp(sessionId: $s, code: $c){ status attemptsRemaining } }';

/** Measures every path of generateOtp and verifyOtp once. `maxAttempts` is the API's OTP_MAX_ATTEMPTS. */
export async function measureDynamoDbUsage(post: GraphQLPost, engine: StatsSource, sesUrl: string, maxAttempts: number): Promise<UsageRow[]> {
  const rows: UsageRow[] = [];
  const measure = async (scenario: string, query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> => {
    engine.resetStats();
    const body = await post(query, variables);
    const snapshot = engine.stats().dynamodb;
    const field = Object.values(body.data ?? {})[0];
    const result = field && typeof field === 'object' ? (field as Record<string, unknown>) : {};
    const answer = typeof result.status === 'string' ? result.status : body.errors?.[0]?.errorType ?? (result.sessionId ? 'created' : 'none');
    rows.push({
      scenario,
      answer,
      requests: snapshot.totalRequests,
      byOperation: snapshot.requestsByOperation,
      readUnits: snapshot.readCapacityUnits,
      writeUnits: snapshot.writeCapacityUnits,
    });
    return result;
  };
  const run = randomUUID().slice(0, 8);
  const newSession = async (scenario: string | undefined, label: string): Promise<{ sessionId: string; address: string }> => {
    const address = `usage-${label}-${run}@example.com`;
    const created = scenario ? await measure(scenario, GENERATE, { e: address }) : ((await post(GENERATE, { e: address })).data?.generateOtp as Record<string, unknown>);
    const sessionId = created.sessionId;
    if (typeof sessionId !== 'string') throw new Error('generateOtp returned no session');
    return { sessionId, address };
  };

  const first = await newSession('generateOtp (new session)', 'a');
  const code = await waitForCode(sesUrl, first.address);
  const wrong = code === '000000' ? '111111' : '000000';
  await measure('verifyOtp wrong code (attempt counted)', VERIFY, { s: first.sessionId, c: wrong });
  await measure('verifyOtp right code (VERIFIED)', VERIFY, { s: first.sessionId, c: code });
  await measure('verifyOtp on a verified session', VERIFY, { s: first.sessionId, c: code });

  const locked = await newSession(undefined, 'b');
  for (let attempt = 0; attempt < maxAttempts - 1; attempt += 1) await post(VERIFY, { s: locked.sessionId, c: '000000' });
  await measure('verifyOtp last attempt (locks)', VERIFY, { s: locked.sessionId, c: '000000' });
  await measure('verifyOtp on a locked session', VERIFY, { s: locked.sessionId, c: '000000' });
  await measure('verifyOtp unknown session', VERIFY, { s: randomUUID(), c: '123456' });
  await measure('verifyOtp malformed code (bad input)', VERIFY, { s: randomUUID(), c: 'abc' });
  return rows;
}
