/**
 * generateOtp through the peer (one new address per request, as bench/otp-workloads.ts's generateWorkload), and the
 * check that one peer request writes the items the floor's transaction writes (same keys, same attributes and the
 * same values but for the session id, the address and the times).
 */
import { GetItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { GenerateOtpDocument } from '../../infra/documents/generated/graphql.ts';
import { normalizeEmail } from '../../resolvers/lib/input.ts';
import type { SendRequest } from '../closed-loop.ts';
import type { GraphQLPost } from '../graphql-client.ts';
import { generateTransactionInput, type FloorSettings } from '../otp-workloads.ts';

/** One new address per request: `bench-<label>-<run>-<index>@example.com`. */
export function peerGenerate(post: GraphQLPost, label: string): SendRequest {
  const run = randomUUID().slice(0, 8);
  return async (index) => {
    const body = await post(GenerateOtpDocument, { email: `bench-${label}-${run}-${index}@example.com` });
    return typeof body.data?.generateOtp?.sessionId === 'string';
  };
}

/** Attribute names and values of an item, with the ones that differ per request (ids, address, times) masked. */
function shape(item: Record<string, AttributeValue> | undefined): Record<string, unknown> {
  const masked = new Set(['pk', 'sessionId', 'email', 'mailbox', 'createdAt', 'expiresAt', 'lastSentAt', 'windowStart', 'count']);
  return Object.fromEntries(Object.entries(item ?? {}).map(([name, value]) => [name, masked.has(name) ? Object.keys(value)[0] : value]).sort());
}

/**
 * Sends one generateOtp through the peer and reads back the items the floor's transaction would write for that
 * session and address; returns the differences (none: the same writes).
 */
export async function checkPeerWrites(post: GraphQLPost, dynamodb: DynamoDBClient, settings: FloorSettings): Promise<string[]> {
  const email = normalizeEmail(`bench-peer-check-${randomUUID().slice(0, 8)}@example.com`);
  const nowMillis = Date.now();
  const answer = await post(GenerateOtpDocument, { email });
  const sessionId = answer.data?.generateOtp?.sessionId;
  if (!sessionId) return [`the peer answered no session: ${JSON.stringify(answer).slice(0, 300)}`];
  const expected = generateTransactionInput(settings, { email, sessionId, nowMillis }).TransactItems ?? [];
  const differences: string[] = [];
  for (const entry of expected) {
    if (entry.ConditionCheck) continue; // writes nothing (the peer reads the same key instead: fixture.ts)
    const key = entry.Put ? { pk: entry.Put.Item?.pk as AttributeValue } : (entry.Update?.Key as Record<string, AttributeValue>);
    const stored = (await dynamodb.send(new GetItemCommand({ TableName: settings.tableName, Key: key, ConsistentRead: true }))).Item;
    const what = entry.Put ? 'the session' : `${key.pk?.S}`;
    if (!stored) {
      differences.push(`${what}: not written by the peer`);
      continue;
    }
    if (entry.Put) {
      const want = JSON.stringify(shape(entry.Put.Item));
      const got = JSON.stringify(shape(stored));
      if (want !== got) differences.push(`the session: ${got} written, ${want} expected`);
    } else {
      // An update writes the attributes its expression names (and the key); the counters count this one request.
      const names = new Set(['pk', ...[...(entry.Update?.UpdateExpression ?? '').matchAll(/(?:ADD|SET|,)\s+(#?\w+)/g)].map((match) => entry.Update?.ExpressionAttributeNames?.[match[1] ?? ''] ?? match[1] ?? '')]);
      const got = Object.keys(stored).sort().join(',');
      if (got !== [...names].sort().join(',')) differences.push(`${what}: attributes ${got}, expected ${[...names].sort().join(',')}`);
      if (stored.count && stored.count.N !== '1') differences.push(`${what}: count ${stored.count.N}, expected 1`);
    }
  }
  return differences;
}
