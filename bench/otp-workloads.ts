/**
 * The measured operations, each in two forms doing the same DynamoDB work: through the GraphQL endpoint (the
 * engine runs the real resolvers) and directly with the AWS SDK (the floor). Every request is meaningful: each
 * generate creates a new session, each right-code verify verifies a fresh session, each wrong-code verify counts an
 * attempt on a session that still has one.
 */
import {
  TransactWriteItemsCommand,
  TransactionCanceledException,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import type { SendRequest } from './closed-loop.ts';
import type { GraphQLPost } from './graphql-client.ts';
import { codeHashOf, seedSessions } from './sessions.ts';

/** What the workloads run against. */
export interface WorkloadTarget {
  post: GraphQLPost;
  dynamodb: DynamoDBClient;
  tableName: string;
  /** The API's OTP_HMAC_SECRET; needed only by the right-code workload. */
  hmacSecret?: string;
  /** Matches the resolvers' defaults (OTP_MAX_ATTEMPTS, OTP_TTL_SECONDS, OTP_RETENTION_SECONDS). */
  maxAttempts: number;
  ttlSeconds: number;
  retentionSeconds: number;
}

/** A workload prepared for `count` requests (sessions seeded up front, outside the measurement). */
export interface Workload {
  graphql: SendRequest;
  direct: SendRequest;
}

const GENERATE = 'mutation($e: AWSEmail!){ generateOtp(email: $e){ sessionId expiresAt } }';
const VERIFY = 'mutation($s: ID!, $c: String!){ verifyOtp(sessionId: $s, code: $c){ verified status attemptsRemaining } }';
const RIGHT_CODE = '424242';
/**
 * The engine asks DynamoDB for the consumed capacity of every request (its usage counters need it), so the floor
 * asks too: the same requests, byte for byte in what DynamoDB Local has to do.
 */
const ENGINE_CAPACITY_REPORT = 'TOTAL' as const;
const WRONG_CODE = '000000';

function resultOf(body: { data?: Record<string, unknown> | null }, field: string): Record<string, unknown> | undefined {
  const value = body.data?.[field];
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

/**
 * generateOtp: one TransactWriteItems of three items — the new PENDING session, the address's counter in its rate
 * window, the address's cooldown mark — mirroring resolvers/Mutation.generateOtp.ts (send limits, Nov 2026). Written
 * out here rather than imported so the floor stays a plain SDK call; if the resolver's writes change, change this
 * too (the "DynamoDB requests per API call" table shows what the resolver does). Every address is new, so no
 * request is refused. The email Lambda then mails each session, as in production.
 */
export function generateWorkload(target: WorkloadTarget, label: string): Workload {
  const run = randomUUID().slice(0, 8);
  return {
    graphql: async (index) => {
      const body = await target.post(GENERATE, { e: `bench-${label}-${run}-${index}@example.com` });
      return typeof resultOf(body, 'generateOtp')?.sessionId === 'string';
    },
    direct: async (index) => {
      await target.dynamodb.send(generateTransaction(target, `bench-${label}-direct-${run}-${index}@example.com`));
      return true;
    },
  };
}

/** Rate window and cooldown of the resolver's defaults (OTP_RATE_WINDOW_SECONDS, OTP_RESEND_COOLDOWN_SECONDS, OTP_MAX_CODES_PER_WINDOW). */
const SEND_LIMITS = { windowSeconds: 900, cooldownSeconds: 30, maxCodesPerWindow: 5 };

function generateTransaction(target: WorkloadTarget, email: string): TransactWriteItemsCommand {
  const nowMillis = Date.now();
  const nowSeconds = Math.floor(nowMillis / 1000);
  const sessionId = randomUUID();
  const windowStart = nowSeconds - (nowSeconds % SEND_LIMITS.windowSeconds);
  return new TransactWriteItemsCommand({
    ReturnConsumedCapacity: ENGINE_CAPACITY_REPORT,
    TransactItems: [
      {
        Put: {
          TableName: target.tableName,
          Item: {
            pk: { S: `SESSION#${sessionId}` },
            sessionId: { S: sessionId },
            email: { S: email },
            status: { S: 'PENDING' },
            attempts: { N: '0' },
            createdAt: { S: new Date(nowMillis).toISOString() },
            expiresAt: { N: String(nowSeconds + target.ttlSeconds) },
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: target.tableName,
          Key: { pk: { S: `RATE#${email}#${windowStart}` } },
          UpdateExpression: 'ADD #count :one SET windowStart = :windowStart, expiresAt = :windowEnd',
          ConditionExpression: 'attribute_not_exists(pk) OR #count < :max',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: {
            ':one': { N: '1' },
            ':windowStart': { N: String(windowStart) },
            ':windowEnd': { N: String(windowStart + SEND_LIMITS.windowSeconds) },
            ':max': { N: String(SEND_LIMITS.maxCodesPerWindow) },
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      {
        Update: {
          TableName: target.tableName,
          Key: { pk: { S: `COOLDOWN#${email}` } },
          UpdateExpression: 'SET lastSentAt = :now, expiresAt = :cooldownEnd',
          ConditionExpression: 'attribute_not_exists(pk) OR lastSentAt <= :latestAllowed',
          ExpressionAttributeValues: {
            ':now': { N: String(nowSeconds) },
            ':cooldownEnd': { N: String(nowSeconds + SEND_LIMITS.cooldownSeconds) },
            ':latestAllowed': { N: String(nowSeconds - SEND_LIMITS.cooldownSeconds) },
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    ],
  });
}

/** The verifying transaction of verifyOtp step 1, exactly as the resolver builds it. */
function verifyTransaction(target: WorkloadTarget, sessionId: string, codeHash: string): TransactWriteItemsCommand {
  const nowMillis = Date.now();
  const nowSeconds = Math.floor(nowMillis / 1000);
  return new TransactWriteItemsCommand({
    ReturnConsumedCapacity: ENGINE_CAPACITY_REPORT,
    TransactItems: [
      {
        Update: {
          TableName: target.tableName,
          Key: { pk: { S: `SESSION#${sessionId}` } },
          UpdateExpression: 'SET #status = :verified, verifiedAt = :nowIso, expiresAt = :retainUntil, attempts = attempts + :one',
          ConditionExpression:
            'attribute_exists(pk) AND #status = :pending AND expiresAt > :nowSeconds AND attempts < :max AND codeHash = :hash',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':verified': { S: 'VERIFIED' },
            ':nowIso': { S: new Date(nowMillis).toISOString() },
            ':retainUntil': { N: String(nowSeconds + target.retentionSeconds) },
            ':one': { N: '1' },
            ':pending': { S: 'PENDING' },
            ':nowSeconds': { N: String(nowSeconds) },
            ':max': { N: String(target.maxAttempts) },
            ':hash': { S: codeHash },
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    ],
  });
}

/** verifyOtp with the right code: one TransactWriteItems per request, each on its own fresh session. */
export async function verifyRightCodeWorkload(target: WorkloadTarget, count: number): Promise<Workload> {
  const secret = target.hmacSecret;
  if (!secret) throw new Error('the right-code workload needs the API OTP_HMAC_SECRET');
  const forGraphql = await seedSessions(target.dynamodb, target.tableName, count, { hmacSecret: secret, code: RIGHT_CODE });
  const forDirect = await seedSessions(target.dynamodb, target.tableName, count, { hmacSecret: secret, code: RIGHT_CODE });
  return {
    graphql: async (index) => {
      const body = await target.post(VERIFY, { s: forGraphql[index], c: RIGHT_CODE });
      return resultOf(body, 'verifyOtp')?.status === 'VERIFIED';
    },
    direct: async (index) => {
      const sessionId = forDirect[index] as string;
      // The resolver hashes the submitted code on every request; the floor does too.
      await target.dynamodb.send(verifyTransaction(target, sessionId, codeHashOf(secret, sessionId, RIGHT_CODE)));
      return true;
    },
  };
}

/**
 * verifyOtp with a wrong code: the cancelled transaction (returning the item), then the conditional attempt count —
 * two requests. Request i uses session i mod S with S ≥ count / maxAttempts, so no session goes past its attempts
 * and requests in flight together (consecutive indices) never touch the same item (which would be a
 * TransactionConflict, not a wrong code).
 */
export async function verifyWrongCodeWorkload(target: WorkloadTarget, count: number, concurrency: number): Promise<Workload> {
  const sessionCount = Math.max(Math.ceil(count / target.maxAttempts), concurrency * 2);
  const forGraphql = await seedSessions(target.dynamodb, target.tableName, sessionCount, { code: RIGHT_CODE });
  const forDirect = await seedSessions(target.dynamodb, target.tableName, sessionCount, { code: RIGHT_CODE });
  return {
    graphql: async (index) => {
      const body = await target.post(VERIFY, { s: forGraphql[index % sessionCount], c: WRONG_CODE });
      const status = resultOf(body, 'verifyOtp')?.status;
      return status === 'INVALID_CODE' || status === 'LOCKED';
    },
    direct: async (index) => {
      const sessionId = forDirect[index % sessionCount] as string;
      try {
        await target.dynamodb.send(verifyTransaction(target, sessionId, codeHashOf('wrong', sessionId, WRONG_CODE)));
        return false;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException) || error.CancellationReasons?.[0]?.Code !== 'ConditionalCheckFailed') throw error;
      }
      const nowSeconds = Math.floor(Date.now() / 1000);
      await target.dynamodb.send(
        new UpdateItemCommand({
          ReturnConsumedCapacity: ENGINE_CAPACITY_REPORT,
          TableName: target.tableName,
          Key: { pk: { S: `SESSION#${sessionId}` } },
          UpdateExpression: 'SET attempts = attempts + :one',
          ConditionExpression: 'attribute_exists(pk) AND #status = :pending AND expiresAt > :nowSeconds AND attempts < :max',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':one': { N: '1' },
            ':pending': { S: 'PENDING' },
            ':nowSeconds': { N: String(nowSeconds) },
            ':max': { N: String(target.maxAttempts) },
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return true;
    },
  };
}
