/**
 * Session items written straight into the table, so verify runs have sessions ready without an email each.
 * They have the shape generateOtp and the email Lambda give a session (SessionItem, infra/model): `mailbox` (the
 * canonical mailbox the failure budget counts on) and `codes`, a map of code MAC → the KMS key that made it and the
 * issued epoch second (MACs made by the local stack's KMS, as the email Lambda has them made).
 * Seeded items carry `emailedAt`, so the email Lambda (still fed by the stream) skips them instead of mailing.
 */
import { randomUUID } from 'node:crypto';
import {
  BatchWriteItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { PENDING_STATUS, sessionKey, sessionPk } from '../infra/model/index.ts';
import { canonicalMailbox } from '../resolvers/lib/mailbox.ts';
import type { CodeMacs } from '../test/support/code-macs.ts';

/** A MAC no code produces (KMS's MACs are 32 bytes of HMAC output): sessions seeded with it take every code as wrong. */
export const UNMATCHABLE_CODE_MAC = Buffer.alloc(32, 0xff).toString('base64');

export interface SeedOptions {
  /** The stack's code MAC key: the MACs are made under it, and every stored code names it. */
  codeMacs: CodeMacs;
  /** With a code, sessions verify with it; without one, every code is wrong (a MAC no code produces). */
  code?: string;
  /**
   * One address for every seeded session (so they share one mailbox and its failure budget). Without it each
   * session gets its own address, `seeded-<sessionId>@example.com`, hence its own mailbox: a wrong-code workload
   * then never spends more than `maxAttempts` of any mailbox's failure budget, and no mailbox locks.
   */
  email?: string;
  /** Seconds from now until `expiresAt` (default 3600); 0 or less seeds sessions that have already expired. */
  validForSeconds?: number;
}

/** A session item as generateOtp writes it, plus the code the email Lambda stored and its `emailedAt`. */
function sessionItem(
  sessionId: string,
  email: string,
  nowMillis: number,
  validForSeconds: number,
  codes: Record<string, AttributeValue>,
): Record<string, AttributeValue> {
  const nowSeconds = Math.floor(nowMillis / 1000);
  return {
    pk: { S: sessionPk(sessionId) },
    sessionId: { S: sessionId },
    email: { S: email },
    mailbox: { S: canonicalMailbox(email) },
    status: { S: PENDING_STATUS },
    attempts: { N: '0' },
    createdAt: { S: new Date(nowMillis).toISOString() },
    expiresAt: { N: String(nowSeconds + validForSeconds) },
    codes: { M: codes },
    emailedAt: { S: new Date(nowMillis).toISOString() },
  };
}

/** Writes `count` PENDING sessions (valid for an hour unless told otherwise), each with one code, and returns their ids. */
export async function seedSessions(client: DynamoDBClient, tableName: string, count: number, options: SeedOptions): Promise<string[]> {
  const nowMillis = Date.now();
  const stored = { M: { keyId: { S: options.codeMacs.keyId }, issuedAt: { N: String(Math.floor(nowMillis / 1000)) } } };
  const ids = Array.from({ length: count }, () => randomUUID());
  const requests: WriteRequest[] = await Promise.all(
    ids.map(async (sessionId) => {
      const mac = options.code === undefined ? UNMATCHABLE_CODE_MAC : await options.codeMacs.macOf(sessionId, options.code);
      const email = options.email ?? `seeded-${sessionId}@example.com`;
      return { PutRequest: { Item: sessionItem(sessionId, email, nowMillis, options.validForSeconds ?? 3600, { [mac]: stored }) } };
    }),
  );
  const batches: WriteRequest[][] = [];
  for (let start = 0; start < requests.length; start += 25) batches.push(requests.slice(start, start + 25));
  // A few batches at a time: DynamoDB Local is single-process Java on a shared 2-core machine.
  for (let start = 0; start < batches.length; start += 4) {
    await Promise.all(batches.slice(start, start + 4).map((batch) => writeBatch(client, tableName, batch)));
  }
  return ids;
}

/**
 * One PENDING session that has no code yet and no `emailedAt`: the state generateOtp leaves a session in until the
 * email Lambda has stored its code. Written in two steps so the Lambda never mails it: the INSERT it is fed holds
 * only the key (not a session to it: skipped), and the MODIFY that adds the rest is filtered out of its stream.
 */
export async function seedSessionWithoutCode(client: DynamoDBClient, tableName: string, email: string): Promise<string> {
  const sessionId = randomUUID();
  const item = sessionItem(sessionId, email, Date.now(), 3600, {});
  const key = sessionKey(sessionId);
  await client.send(new PutItemCommand({ TableName: tableName, Item: key }));
  const names = Object.keys(item).filter((name) => name !== 'pk' && name !== 'emailedAt');
  await client.send(
    new UpdateItemCommand({
      TableName: tableName,
      Key: key,
      UpdateExpression: `SET ${names.map((_, index) => `#a${index} = :v${index}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(names.map((name, index) => [`#a${index}`, name])),
      ExpressionAttributeValues: Object.fromEntries(names.map((name, index) => [`:v${index}`, item[name] as AttributeValue])),
    }),
  );
  return sessionId;
}

async function writeBatch(client: DynamoDBClient, tableName: string, batch: WriteRequest[]): Promise<void> {
  let pending = batch;
  for (let round = 0; pending.length > 0; round += 1) {
    if (round > 10) throw new Error('DynamoDB Local kept returning unprocessed items');
    const output = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
    pending = output.UnprocessedItems?.[tableName] ?? [];
  }
}
