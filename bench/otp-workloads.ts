/**
 * The measured operations, each in two forms doing the same DynamoDB and KMS work: through the GraphQL endpoint (the
 * engine runs the real resolvers) and directly with the AWS SDK (the floor; its KMS VerifyMac goes to the local KMS
 * as the engine's KMS data source does). Every request is meaningful: each
 * generate creates a new session, each right-code verify verifies a fresh session, each wrong-code verify counts an
 * attempt on a session that still has one.
 *
 * The floor's requests are written out as plain SDK inputs (the builders below), with the keys, windows and shards
 * computed by the resolvers' own pure helpers (resolvers/lib), so the floor stays a plain SDK call and has one
 * definition of every key. bench/floor-check.ts compares each builder with the request the resolver's own code
 * returns (evaluated in the engine's APPSYNC_JS runtime) at the start of every bench run, so a resolver change the
 * floor does not follow stops the bench instead of measuring different work.
 */
import {
  ConditionalCheckFailedException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
  type TransactWriteItemsCommandInput,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { GenerateOtpDocument, VerifyOtpDocument } from '../infra/documents/generated/graphql.ts';
import { cooldownPk, domainBudgetPk, globalBudgetPk, guardPk, ratePk, sessionPk } from '../infra/model/index.ts';
import { chooseAudience } from '../resolvers/lib/audience.ts';
import { normalizeEmail } from '../resolvers/lib/input.ts';
import { canonicalMailbox, mailboxDomain } from '../resolvers/lib/mailbox.ts';
import { failuresAttribute, lockoutFor, readFailureBudget, type FailureBudget } from '../resolvers/lib/mailbox-guard.ts';
import {
  BUDGET_WINDOW_SECONDS,
  budgetWindowEnd,
  readSendBudgets,
  shardOf,
  splitBudget,
  type SendBudgets,
} from '../resolvers/lib/send-budgets.ts';
import { readSendLimits, windowStartOf, type SendLimits } from '../resolvers/lib/send-limits.ts';
import type { SendRequest } from './closed-loop.ts';
import type { GraphQLBody, GraphQLPost } from './graphql-client.ts';
import type { CodeMacs } from '../test/support/code-macs.ts';
import { seedSessions } from './sessions.ts';
import type { TokenFloor } from './token-floor.ts';

/** What the workloads run against. */
export interface WorkloadTarget {
  post: GraphQLPost;
  dynamodb: DynamoDBClient;
  tableName: string;
  /** The stack's code MAC key (KMS): seeded sessions store MACs made under it, and the floor verifies with KMS. */
  codeMacs: CodeMacs;
  /** Matches the resolvers' defaults (OTP_MAX_ATTEMPTS, OTP_TTL_SECONDS, OTP_RETENTION_SECONDS). */
  maxAttempts: number;
  ttlSeconds: number;
  retentionSeconds: number;
  /**
   * The API's environment variables (`ctx.env`): the send limits, the send budgets and the failure budget are read
   * from them with the resolvers' own readers, so the floor counts against the same limits and shards. Absent: the
   * resolvers' defaults.
   */
  env?: Readonly<Record<string, string | undefined>>;
  /** The token signing of a right code's answer, done directly (bench/token-floor.ts); absent: the API signs none. */
  signToken?: TokenFloor;
}

/** A workload prepared for `count` requests (sessions seeded up front, outside the measurement). */
export interface Workload {
  graphql: SendRequest;
  direct: SendRequest;
}

const RIGHT_CODE = '424242';
const WRONG_CODE = '000000';
/**
 * The engine asks DynamoDB for the consumed capacity of every request (its usage counters need it), so the floor
 * asks too: the same requests, byte for byte in what DynamoDB Local has to do.
 */
const ENGINE_CAPACITY_REPORT = 'TOTAL' as const;

/** Everything the floor's requests depend on besides the request's own values. */
export interface FloorSettings {
  tableName: string;
  ttlSeconds: number;
  maxAttempts: number;
  retentionSeconds: number;
  sendLimits: SendLimits;
  sendBudgets: SendBudgets;
  failureBudget: FailureBudget;
  /**
   * The audience a session gets when its caller names none (OTP_DEFAULT_AUDIENCE, read as the resolver reads it);
   * absent from an environment without one (the resolver would refuse, so the floor is then only a harness check).
   */
  defaultAudience?: string;
}

/** The floor's settings for a target, read as the resolvers read them. */
export function floorSettings(target: Pick<WorkloadTarget, 'tableName' | 'ttlSeconds' | 'maxAttempts' | 'retentionSeconds' | 'env'>): FloorSettings {
  const env = target.env ?? {};
  return {
    tableName: target.tableName,
    ttlSeconds: target.ttlSeconds,
    maxAttempts: target.maxAttempts,
    retentionSeconds: target.retentionSeconds,
    sendLimits: readSendLimits(env),
    sendBudgets: readSendBudgets(env),
    failureBudget: readFailureBudget(env),
    ...defaultAudienceOf(env),
  };
}

function defaultAudienceOf(env: Readonly<Record<string, string | undefined>>): { defaultAudience?: string } {
  const choice = chooseAudience(undefined, false, env);
  return choice.ok ? { defaultAudience: choice.audience } : {};
}

const n = (value: number): AttributeValue => ({ N: String(value) });

/** `true`, or throws what the API answered instead (its errors' types and messages: never a code), for the report. */
function expectAnswer(ok: boolean, body: GraphQLBody<unknown>): true {
  if (ok) return true;
  const errors = body.errors?.map((error) => [error.errorType, error.message].filter(Boolean).join(': ')) ?? [];
  throw new Error(errors.length > 0 ? errors.join('; ') : `unexpected data ${JSON.stringify(body.data)}`);
}

/**
 * generateOtp's one TransactWriteItems (resolvers/Mutation.generateOtp.[table].ts), item for item: the new PENDING session
 * (with its canonical `mailbox` and an empty `codes` map), the mailbox's counter in its rate window, the mailbox's
 * cooldown mark, a check that the mailbox is not locked, and this minute's global and recipient-domain budget
 * counters on the shard the session id picks.
 */
export function generateTransactionInput(
  settings: FloorSettings,
  input: { email: string; sessionId: string; nowMillis: number },
): TransactWriteItemsCommandInput {
  const { tableName, sendLimits: limits } = settings;
  const { email, sessionId, nowMillis } = input;
  const mailbox = canonicalMailbox(email);
  const nowSeconds = Math.floor(nowMillis / 1000);
  const windowStart = windowStartOf(nowSeconds, limits.windowSeconds);
  const minuteStart = windowStartOf(nowSeconds, BUDGET_WINDOW_SECONDS);
  const global = splitBudget(settings.sendBudgets.globalPerMinute);
  const domain = splitBudget(settings.sendBudgets.domainPerMinute);
  const budgetCounter = (pk: string, perShard: number) => ({
    Update: {
      TableName: tableName,
      Key: { pk: { S: pk } },
      UpdateExpression: 'ADD #count :one SET expiresAt = :windowEnd',
      ConditionExpression: 'attribute_not_exists(pk) OR #count < :max',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: { ':one': n(1), ':windowEnd': n(budgetWindowEnd(nowSeconds)), ':max': n(perShard) },
    },
  });
  return {
    ReturnConsumedCapacity: ENGINE_CAPACITY_REPORT,
    TransactItems: [
      {
        Put: {
          TableName: tableName,
          Item: {
            sessionId: { S: sessionId },
            email: { S: email },
            mailbox: { S: mailbox },
            ...(settings.defaultAudience === undefined ? {} : { audience: { S: settings.defaultAudience } }),
            status: { S: 'PENDING' },
            attempts: n(0),
            createdAt: { S: new Date(nowMillis).toISOString() },
            expiresAt: n(nowSeconds + settings.ttlSeconds),
            codes: { M: {} },
            pk: { S: sessionPk(sessionId) },
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: tableName,
          Key: { pk: { S: ratePk(mailbox, windowStart) } },
          UpdateExpression: 'ADD #count :one SET windowStart = :windowStart, expiresAt = :windowEnd',
          ConditionExpression: 'attribute_not_exists(pk) OR #count < :max',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: {
            ':one': n(1),
            ':windowStart': n(windowStart),
            ':windowEnd': n(windowStart + limits.windowSeconds),
            ':max': n(limits.maxCodesPerWindow),
          },
        },
      },
      {
        Update: {
          TableName: tableName,
          Key: { pk: { S: cooldownPk(mailbox) } },
          UpdateExpression: 'SET lastSentAt = :now, expiresAt = :cooldownEnd',
          ConditionExpression: 'attribute_not_exists(pk) OR lastSentAt <= :latestAllowed',
          ExpressionAttributeValues: {
            ':now': n(nowSeconds),
            ':cooldownEnd': n(nowSeconds + limits.cooldownSeconds),
            ':latestAllowed': n(nowSeconds - limits.cooldownSeconds),
          },
        },
      },
      notLockedCheck(tableName, mailbox, nowSeconds),
      budgetCounter(globalBudgetPk(minuteStart, shardOf(sessionId, global.shards)), global.perShard),
      budgetCounter(domainBudgetPk(mailboxDomain(mailbox), minuteStart, shardOf(sessionId, domain.shards)), domain.perShard),
    ],
  };
}

/** The transaction entry that passes only while the mailbox is not locked (returns the guard on a refusal). */
function notLockedCheck(tableName: string, mailbox: string, nowSeconds: number): NonNullable<TransactWriteItemsCommandInput['TransactItems']>[number] {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: { pk: { S: guardPk(mailbox) } },
      ConditionExpression: 'attribute_not_exists(lockedUntil) OR lockedUntil <= :now',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      ExpressionAttributeValues: { ':now': n(nowSeconds) },
    },
  };
}

/**
 * verifyOtp step 1 (1-countAttempt): count the attempt on a PENDING, unexpired session with attempts left and a code
 * sent, of the public API and no signed-in user; the item comes back (ALL_NEW, as AppSync's UpdateItem returns it) with its stored codes to check.
 */
export function countAttemptInput(settings: FloorSettings, input: { sessionId: string; nowSeconds: number }): UpdateItemCommandInput {
  return {
    TableName: settings.tableName,
    Key: { pk: { S: sessionPk(input.sessionId) } },
    UpdateExpression: 'SET attempts = attempts + :one',
    // Not a Cognito sign-in session, and (an API-key caller's request) not a signed-in user's step-up session.
    ConditionExpression:
      'attribute_exists(pk) AND #status = :pending AND expiresAt > :now AND attempts < :max AND size(codes) > :zero AND attribute_not_exists(#purpose) AND attribute_not_exists(#userSub)',
    ReturnValues: 'ALL_NEW',
    ReturnConsumedCapacity: ENGINE_CAPACITY_REPORT,
    ExpressionAttributeNames: { '#status': 'status', '#purpose': 'purpose', '#userSub': 'userSub' },
    ExpressionAttributeValues: {
      ':one': n(1),
      ':pending': { S: 'PENDING' },
      ':now': n(input.nowSeconds),
      ':max': n(settings.maxAttempts),
      ':zero': n(0),
    },
  };
}

/**
 * verifyOtp step 5 (5-verifySession), right code: mark the session VERIFIED while it is still PENDING, unexpired
 * and holds the MAC KMS accepted, in one transaction with the check that its mailbox is not locked.
 */
export function verifySessionInput(
  settings: FloorSettings,
  input: { sessionId: string; mac: string; nowSeconds: number; nowIso: string; mailbox: string },
): TransactWriteItemsCommandInput {
  return {
    ReturnConsumedCapacity: ENGINE_CAPACITY_REPORT,
    TransactItems: [
      {
        Update: {
          TableName: settings.tableName,
          Key: { pk: { S: sessionPk(input.sessionId) } },
          UpdateExpression: 'SET #status = :verified, verifiedAt = :nowIso, expiresAt = :retainUntil',
          ConditionExpression: '#status = :pending AND expiresAt > :now AND attribute_exists(codes.#code)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          ExpressionAttributeNames: { '#status': 'status', '#code': input.mac },
          ExpressionAttributeValues: {
            ':verified': { S: 'VERIFIED' },
            ':nowIso': { S: input.nowIso },
            ':retainUntil': n(input.nowSeconds + settings.retentionSeconds),
            ':pending': { S: 'PENDING' },
            ':now': n(input.nowSeconds),
          },
        },
      },
      notLockedCheck(settings.tableName, input.mailbox, input.nowSeconds),
    ],
  };
}

/** verifyOtp step 6 (6-countMailboxFailure), wrong code: count it in the mailbox's failure window (ALL_NEW). */
export function countMailboxFailureInput(settings: FloorSettings, input: { mailbox: string; nowSeconds: number }): UpdateItemCommandInput {
  const limits = settings.failureBudget;
  const windowStart = windowStartOf(input.nowSeconds, limits.windowSeconds);
  return {
    TableName: settings.tableName,
    Key: { pk: { S: guardPk(input.mailbox) } },
    UpdateExpression: 'SET #failures = if_not_exists(#failures, :zero) + :one, expiresAt = :expiresAt REMOVE #previous',
    ReturnValues: 'ALL_NEW',
    ReturnConsumedCapacity: ENGINE_CAPACITY_REPORT,
    ExpressionAttributeNames: {
      '#failures': failuresAttribute(windowStart),
      '#previous': failuresAttribute(windowStart - limits.windowSeconds),
    },
    ExpressionAttributeValues: {
      ':zero': n(0),
      ':one': n(1),
      ':expiresAt': n(input.nowSeconds + limits.windowSeconds + limits.maxLockoutSeconds),
    },
  };
}

/** verifyOtp step 4 (4-lockMailbox), the failure that used up the budget: lock the mailbox until `until`. */
export function lockMailboxInput(settings: FloorSettings, input: { mailbox: string; until: number; nowSeconds: number }): UpdateItemCommandInput {
  const limits = settings.failureBudget;
  return {
    TableName: settings.tableName,
    Key: { pk: { S: guardPk(input.mailbox) } },
    UpdateExpression: 'SET lockedUntil = :until, expiresAt = :expiresAt',
    ConditionExpression: 'attribute_not_exists(lockedUntil) OR lockedUntil < :until',
    ReturnValues: 'ALL_NEW',
    ReturnConsumedCapacity: ENGINE_CAPACITY_REPORT,
    ExpressionAttributeValues: {
      ':until': n(input.until),
      ':expiresAt': n(input.nowSeconds + limits.windowSeconds + limits.maxLockoutSeconds),
    },
  };
}

/**
 * generateOtp: the 6-item TransactWriteItems per request. Every address is new (so no mailbox limit refuses) and
 * the bench stack runs with huge send budgets (test/support/load-context.ts), so no request is refused. The email
 * Lambda then mails each session, as in production.
 */
export function generateWorkload(target: WorkloadTarget, label: string): Workload {
  const run = randomUUID().slice(0, 8);
  const settings = floorSettings(target);
  return {
    graphql: async (index) => {
      const body = await target.post(GenerateOtpDocument, { email: `bench-${label}-${run}-${index}@example.com` });
      return expectAnswer(typeof body.data?.generateOtp?.sessionId === 'string', body);
    },
    direct: async (index) => {
      const email = normalizeEmail(`bench-${label}-direct-${run}-${index}@example.com`);
      const input = generateTransactionInput(settings, { email, sessionId: randomUUID(), nowMillis: Date.now() });
      await target.dynamodb.send(new TransactWriteItemsCommand(input));
      return true;
    },
  };
}

/** What the direct verify answered (the floor's own reading of the DynamoDB results, as the resolver reads them). */
type DirectAnswer = 'VERIFIED' | 'INVALID_CODE' | 'LOCKED' | 'CLOSED';

/**
 * verifyOtp done directly, step for step as the pipeline does it: count the attempt (UpdateItem), check the code with
 * KMS VerifyMac against each stored code until one matches, then for a right code the verifying transaction, for a
 * wrong one the mailbox's failure count (UpdateItem) and, only when that used up the failure budget, the lock
 * (UpdateItem). The bench's sessions never take the closed-session path (where AppSync re-reads the item after the
 * failed condition): the floor answers CLOSED there without the re-read.
 */
async function verifyDirect(
  client: DynamoDBClient,
  settings: FloorSettings,
  codeMacs: CodeMacs,
  sessionId: string,
  code: string,
  signToken?: TokenFloor,
): Promise<DirectAnswer> {
  const nowMillis = Date.now();
  const nowSeconds = Math.floor(nowMillis / 1000);
  let session: Record<string, AttributeValue>;
  try {
    const output = await client.send(new UpdateItemCommand(countAttemptInput(settings, { sessionId, nowSeconds })));
    session = output.Attributes ?? {};
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'CLOSED';
    throw error;
  }
  const mailbox = session.mailbox?.S ?? canonicalMailbox(session.email?.S ?? '');
  let matchedMac: string | undefined;
  for (const [mac, stored] of Object.entries(session.codes?.M ?? {})) {
    const keyId = stored.M?.keyId?.S;
    if (keyId && (await codeMacs.verifies(sessionId, code, mac, keyId))) {
      matchedMac = mac;
      break;
    }
  }
  if (matchedMac) {
    const nowIso = new Date(nowMillis).toISOString();
    // A cancelled transaction throws TransactionCanceledException: an error for the run, as the resolver errs.
    await client.send(new TransactWriteItemsCommand(verifySessionInput(settings, { sessionId, mac: matchedMac, nowSeconds, nowIso, mailbox })));
    await signToken?.({ sessionId, session, nowSeconds });
    return 'VERIFIED';
  }
  const guard = (await client.send(new UpdateItemCommand(countMailboxFailureInput(settings, { mailbox, nowSeconds })))).Attributes ?? {};
  const limits = settings.failureBudget;
  const failures = Number(guard[failuresAttribute(windowStartOf(nowSeconds, limits.windowSeconds))]?.N ?? 0);
  const lockout = lockoutFor(failures, limits);
  const lockedUntil = Number(guard.lockedUntil?.N ?? 0);
  const locked = lockedUntil > nowSeconds;
  if (lockout > 0 && nowSeconds + lockout > (locked ? lockedUntil : 0)) {
    try {
      await client.send(new UpdateItemCommand(lockMailboxInput(settings, { mailbox, until: nowSeconds + lockout, nowSeconds })));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  if (lockout > 0 || locked) return 'LOCKED';
  return Number(session.attempts?.N ?? settings.maxAttempts) >= settings.maxAttempts ? 'LOCKED' : 'INVALID_CODE';
}

/**
 * verifyOtp with the right code: per request the attempt count (UpdateItem) and the verifying transaction (session
 * + mailbox check), each request on its own fresh session.
 */
export async function verifyRightCodeWorkload(target: WorkloadTarget, count: number): Promise<Workload> {
  const settings = floorSettings(target);
  const forGraphql = await seedSessions(target.dynamodb, target.tableName, count, { codeMacs: target.codeMacs, code: RIGHT_CODE });
  const forDirect = await seedSessions(target.dynamodb, target.tableName, count, { codeMacs: target.codeMacs, code: RIGHT_CODE });
  return {
    graphql: async (index) => {
      const body = await target.post(VerifyOtpDocument, { sessionId: forGraphql[index] as string, code: RIGHT_CODE });
      return expectAnswer(body.data?.verifyOtp?.status === 'VERIFIED', body);
    },
    direct: async (index) => {
      const sessionId = forDirect[index] as string;
      // The resolver has KMS check the submitted code on every request; the floor does too.
      return (await verifyDirect(target.dynamodb, settings, target.codeMacs, sessionId, RIGHT_CODE, target.signToken)) === 'VERIFIED';
    },
  };
}

/**
 * verifyOtp with a wrong code: the attempt count (UpdateItem), then the mailbox's failure count (UpdateItem) — two
 * requests. Request i uses session i mod S with S ≥ count / maxAttempts, so no session goes past its attempts and
 * requests in flight together (consecutive indices) never touch the same item. Every seeded session has its own
 * mailbox, so each mailbox sees at most maxAttempts failures, below the failure budget: none locks (a lock would
 * add the lock write and change the answers).
 */
export async function verifyWrongCodeWorkload(target: WorkloadTarget, count: number, concurrency: number): Promise<Workload> {
  const sessionCount = Math.max(Math.ceil(count / target.maxAttempts), concurrency * 2);
  const settings = floorSettings(target);
  const forGraphql = await seedSessions(target.dynamodb, target.tableName, sessionCount, { codeMacs: target.codeMacs });
  const forDirect = await seedSessions(target.dynamodb, target.tableName, sessionCount, { codeMacs: target.codeMacs });
  return {
    graphql: async (index) => {
      const body = await target.post(VerifyOtpDocument, { sessionId: forGraphql[index % sessionCount] as string, code: WRONG_CODE });
      const status = body.data?.verifyOtp?.status;
      return expectAnswer(status === 'INVALID_CODE' || status === 'LOCKED', body);
    },
    direct: async (index) => {
      const sessionId = forDirect[index % sessionCount] as string;
      const answer = await verifyDirect(target.dynamodb, settings, target.codeMacs, sessionId, WRONG_CODE);
      return answer === 'INVALID_CODE' || answer === 'LOCKED';
    },
  };
}
