/**
 * DynamoDB requests and capacity units per API call, read from the engine's own counters (`stats()`): one GraphQL
 * request per scenario, counters reset before each. Runs against an engine whose counters only this code reads.
 * Every path of generateOtp and verifyOtp is driven once, each to the answer it names (the "answer" column shows
 * that it got there).
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDbStatsSnapshot } from 'appsync-local';
import {
  GenerateOtpDocument,
  VerifyOtpDocument,
  type GenerateOtpMutationVariables,
  type VerifyOtpMutationVariables,
} from '../infra/documents/generated/graphql.ts';
import { readFailureBudget } from '../resolvers/lib/mailbox-guard.ts';
import type { CodeMacs } from '../test/support/code-macs.ts';
import { codeIn, waitForEmail } from '../test/support/inbox.ts';
import type { GraphQLBody, GraphQLPost } from './graphql-client.ts';
import { seedSessionWithoutCode, seedSessions } from './sessions.ts';

/** The engine's counters (`AppSyncServer.stats`), asked of the bench's stack process (bench-stack.ts). */
export interface StatsSource {
  stats(): Promise<{ dynamodb: DynamoDbStatsSnapshot }>;
  resetStats(): Promise<void>;
}

/** How a scenario ends: a success path (targeted), a refusal or a closed session (reported), or bad input. */
export type UsageKind = 'success' | 'refused' | 'closed' | 'wrong code' | 'bad input';

/** DynamoDB usage of one scenario. */
export interface UsageRow {
  /** The API call (generateOtp, verifyOtp). Absent in results written before issue 11. */
  call?: string;
  scenario: string;
  kind?: UsageKind;
  /** What the API answered (status or error type), to show the scenario did what it says. */
  answer: string;
  requests: number;
  byOperation: Record<string, number>;
  readUnits: number;
  writeUnits: number;
}

/** What the scenarios need besides the endpoint: the table (to seed sessions) and the API's settings. */
export interface UsageTarget {
  dynamodb: DynamoDBClient;
  tableName: string;
  /** The stack's code MAC key: seeded sessions store MACs made under it. */
  codeMacs: CodeMacs;
  maxAttempts: number;
  /** The API's environment variables (the failure budget is read from them as the resolvers read it). */
  env?: Readonly<Record<string, string | undefined>>;
}

const SEEDED_CODE = '424242';
const WRONG_CODE = '000000';

/** Measures every path of generateOtp and verifyOtp once. */
export async function measureDynamoDbUsage(post: GraphQLPost, engine: StatsSource, sesUrl: string, target: UsageTarget): Promise<UsageRow[]> {
  const rows: UsageRow[] = [];
  const measure = async (
    call: 'generateOtp' | 'verifyOtp',
    scenario: string,
    kind: UsageKind,
    variables: GenerateOtpMutationVariables | VerifyOtpMutationVariables,
  ): Promise<Record<string, unknown>> => {
    await engine.resetStats();
    const body: GraphQLBody<object> =
      'email' in variables ? await post(GenerateOtpDocument, variables) : await post(VerifyOtpDocument, variables);
    const snapshot = (await engine.stats()).dynamodb;
    const field = Object.values(body.data ?? {})[0];
    const result = field && typeof field === 'object' ? (field as Record<string, unknown>) : {};
    const answer = typeof result.status === 'string' ? result.status : body.errors?.[0]?.errorType ?? (result.sessionId ? 'created' : 'none');
    rows.push({
      call,
      scenario,
      kind,
      answer,
      requests: snapshot.totalRequests,
      byOperation: snapshot.requestsByOperation,
      readUnits: snapshot.readCapacityUnits,
      writeUnits: snapshot.writeCapacityUnits,
    });
    return result;
  };
  const verify = (scenario: string, kind: UsageKind, sessionId: string, code: string) => measure('verifyOtp', scenario, kind, { sessionId, code });
  const run = randomUUID().slice(0, 8);
  const address = (label: string) => `usage-${label}-${run}@example.com`;
  const generated = async (label: string): Promise<string> => {
    const body = await post(GenerateOtpDocument, { email: address(label) });
    const sessionId = body.data?.generateOtp?.sessionId;
    if (typeof sessionId !== 'string') throw new Error(`generateOtp for ${label} returned no session`);
    return sessionId;
  };
  const seeded = async (options: { email?: string; validForSeconds?: number; count?: number }) =>
    seedSessions(target.dynamodb, target.tableName, options.count ?? 1, { codeMacs: target.codeMacs, code: SEEDED_CODE, ...options });

  // generateOtp: a new session, then the same address again inside its cooldown.
  const first = (await measure('generateOtp', 'new session', 'success', { email: address('a') })).sessionId;
  if (typeof first !== 'string') throw new Error('generateOtp returned no session');
  await measure('generateOtp', 'same address again within the cooldown (refused by a send limit)', 'refused', { email: address('a') });

  // verifyOtp on a session created and mailed as in production.
  const code = codeIn(await waitForEmail({ sesUrl }, address('a')));
  const wrong = code === WRONG_CODE ? '111111' : WRONG_CODE;
  await verify('wrong code (attempt and mailbox failure counted)', 'wrong code', first, wrong);
  await verify('right code', 'success', first, code);
  await verify('closed: already verified', 'closed', first, code);

  // A session's own attempt limit: the last attempt locks the session, later ones find it closed.
  const spent = await generated('b');
  await waitForEmail({ sesUrl }, address('b'));
  for (let attempt = 0; attempt < target.maxAttempts - 1; attempt += 1) await post(VerifyOtpDocument, { sessionId: spent, code: WRONG_CODE });
  await verify("wrong code on the session's last attempt (locks the session)", 'wrong code', spent, WRONG_CODE);
  await verify('closed: attempts used up', 'closed', spent, WRONG_CODE);

  const [expired] = await seeded({ validForSeconds: -60 });
  await verify('closed: expired', 'closed', expired!, SEEDED_CODE);
  await verify('closed: unknown session', 'closed', randomUUID(), SEEDED_CODE);
  const unsent = await seedSessionWithoutCode(target.dynamodb, target.tableName, address('c'));
  await verify('no code yet (not emailed yet; attempt not counted)', 'closed', unsent, SEEDED_CODE);

  // The mailbox's failure budget: wrong codes across its sessions until the one that uses it up locks the mailbox.
  const { budget } = readFailureBudget(target.env ?? {});
  const lockedAddress = address('d');
  const sessions = await seeded({ email: lockedAddress, count: Math.ceil(budget / target.maxAttempts) + 1 });
  const sessionFor = (failure: number) => sessions[Math.floor(failure / target.maxAttempts)] as string;
  for (let failure = 0; failure < budget - 1; failure += 1) await post(VerifyOtpDocument, { sessionId: sessionFor(failure), code: WRONG_CODE });
  await verify("wrong code that uses up the mailbox's failure budget (locks the mailbox)", 'wrong code', sessionFor(budget - 1), WRONG_CODE);
  const spare = sessions.at(-1) as string;
  await verify('right code while the mailbox is locked', 'refused', spare, SEEDED_CODE);
  await verify('wrong code while the mailbox is locked (lengthens the lock)', 'wrong code', spare, WRONG_CODE);
  await measure('generateOtp', 'mailbox locked by its failure budget (refused by the lock)', 'refused', { email: lockedAddress });

  await verify('malformed code', 'bad input', randomUUID(), 'abc');
  // generateOtp rows first, each call's rows in the order above.
  return [...rows.filter((row) => row.call === 'generateOtp'), ...rows.filter((row) => row.call !== 'generateOtp')];
}
