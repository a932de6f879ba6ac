import { GetItemCommand, UpdateItemCommand, type DynamoDBClient, type GetItemCommandInput, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { SUPPRESSED_UNDELIVERABLE_REASON, suppressedPk } from '../../infra/model/index.ts';
import { conditionally } from '../shared/session-store.ts';

/**
 * The read of a mailbox's suppression item (`SUPPRESSED#<mailbox>`, written by handle-ses-feedback): strongly
 * consistent, and projecting only the key and `expiresAt`, the attributes the function's IAM policy lets it read.
 */
export function suppressionReadRequest(tableName: string, mailbox: string): GetItemCommandInput {
  return {
    TableName: tableName,
    Key: { pk: { S: suppressedPk(mailbox) } },
    ConsistentRead: true,
    ProjectionExpression: 'pk, expiresAt',
  };
}

/**
 * Whether SES told us not to mail this canonical mailbox (a hard bounce or a complaint): its suppression item exists
 * and has not expired (`expiresAt` absent, for complaints, or in the future; TTL deletion is late, so checked here).
 */
export async function isSuppressed(client: DynamoDBClient, tableName: string, mailbox: string, nowEpochSeconds: number): Promise<boolean> {
  const { Item } = await client.send(new GetItemCommand(suppressionReadRequest(tableName, mailbox)));
  if (!Item) return false;
  const expiresAt = Item.expiresAt?.N === undefined ? undefined : Number(Item.expiresAt.N);
  return expiresAt === undefined || expiresAt > nowEpochSeconds;
}

/**
 * Marks a session of a suppressed mailbox undeliverable (`undeliverableReason: Suppressed`) without a code: the same
 * attributes a permanent SES refusal writes, so verifyOtp treats both alike. Only while the session was neither
 * emailed nor already marked.
 */
export function markSuppressedRequest(tableName: string, pk: string, at: string): UpdateItemCommandInput {
  return {
    TableName: tableName,
    Key: { pk: { S: pk } },
    UpdateExpression: 'SET undeliverableAt = :now, undeliverableReason = :reason',
    ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(emailedAt) AND attribute_not_exists(undeliverableAt)',
    ExpressionAttributeValues: { ':now': { S: at }, ':reason': { S: SUPPRESSED_UNDELIVERABLE_REASON } },
  };
}

/** Sends {@link markSuppressedRequest}; false when its condition failed (the session is gone or settled). */
export async function markSuppressed(client: DynamoDBClient, tableName: string, pk: string, at: string): Promise<boolean> {
  return conditionally(client.send(new UpdateItemCommand(markSuppressedRequest(tableName, pk, at))));
}
