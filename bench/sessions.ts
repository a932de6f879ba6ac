/**
 * Session items written straight into the table, so verify runs have sessions ready without an email each.
 * Seeded items carry `emailedAt`, so the email Lambda (still fed by the stream) skips them instead of mailing.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { BatchWriteItemCommand, ListTablesCommand, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';

/** The stored hash of a code, as the email Lambda computes it: HMAC-SHA-256(secret, sessionId + code), hex. */
export function codeHashOf(secret: string, sessionId: string, code: string): string {
  return createHmac('sha256', secret).update(sessionId + code).digest('hex');
}

/** The stack's one table (the bench and the smoke test find it the way test/support/table.ts does). */
export async function findTableName(client: DynamoDBClient): Promise<string> {
  const { TableNames = [] } = await client.send(new ListTablesCommand({}));
  if (TableNames.length !== 1 || !TableNames[0]) throw new Error(`expected the stack's one table, found ${TableNames.join(', ')}`);
  return TableNames[0];
}

export interface SeedOptions {
  /** With a secret, sessions verify with `code`; without one, every code is wrong (a hash no code produces). */
  hmacSecret?: string;
  code: string;
}

/** Writes `count` PENDING sessions valid for an hour and returns their ids. */
export async function seedSessions(client: DynamoDBClient, tableName: string, count: number, options: SeedOptions): Promise<string[]> {
  const nowMillis = Date.now();
  const ids = Array.from({ length: count }, () => randomUUID());
  const requests: WriteRequest[] = ids.map((sessionId) => ({
    PutRequest: {
      Item: {
        pk: { S: `SESSION#${sessionId}` },
        sessionId: { S: sessionId },
        email: { S: `seeded-${sessionId}@example.com` },
        status: { S: 'PENDING' },
        attempts: { N: '0' },
        createdAt: { S: new Date(nowMillis).toISOString() },
        expiresAt: { N: String(Math.floor(nowMillis / 1000) + 3600) },
        codeHash: { S: options.hmacSecret ? codeHashOf(options.hmacSecret, sessionId, options.code) : 'f'.repeat(64) },
        emailedAt: { S: new Date(nowMillis).toISOString() },
      },
    },
  }));
  const batches: WriteRequest[][] = [];
  for (let start = 0; start < requests.length; start += 25) batches.push(requests.slice(start, start + 25));
  // A few batches at a time: DynamoDB Local is single-process Java on a shared 2-core machine.
  for (let start = 0; start < batches.length; start += 4) {
    await Promise.all(batches.slice(start, start + 4).map((batch) => writeBatch(client, tableName, batch)));
  }
  return ids;
}

async function writeBatch(client: DynamoDBClient, tableName: string, batch: WriteRequest[]): Promise<void> {
  let pending = batch;
  for (let round = 0; pending.length > 0; round += 1) {
    if (round > 10) throw new Error('DynamoDB Local kept returning unprocessed items');
    const output = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
    pending = output.UnprocessedItems?.[tableName] ?? [];
  }
}
