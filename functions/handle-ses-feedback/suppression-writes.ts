import type { UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { suppressedPk, type SuppressionItem, type SuppressionReason } from '../../infra/model/index.ts';

/** One mailbox to suppress, and why. */
export interface SuppressionWrite {
  tableName: string;
  /** The canonical mailbox (resolvers/lib/mailbox.ts). */
  mailbox: string;
  reason: SuppressionReason;
  detail?: string;
  /** ISO-8601 time of the event. */
  at: string;
  /** Epoch seconds when a bounce's suppression ends; complaints get none. */
  expiresAt?: number;
}

/**
 * The UpdateItem that records a suppression (built apart from sending it so a test can check it names only
 * FEEDBACK_FUNCTION_ATTRIBUTES, which the IAM policy allows). `count` and `firstSeenAt` accumulate.
 * - a complaint: sets reason Complaint and removes `expiresAt` (suppressed until someone deletes the item);
 * - a bounce: sets reason Bounce and extends `expiresAt`, unless the item is a complaint (`reason <> Complaint`
 *   condition); when that condition fails, {@link countOnlyRequest} just counts the event.
 */
export function suppressRequest(write: SuppressionWrite): UpdateItemCommandInput {
  const names = { '#count': 'count', '#reason': 'reason' } satisfies Record<string, keyof SuppressionItem>;
  const values: NonNullable<UpdateItemCommandInput['ExpressionAttributeValues']> = {
    ':reason': { S: write.reason },
    ':at': { S: write.at },
    ':one': { N: '1' },
    ':detail': { S: write.detail ?? 'Unknown' },
  };
  const set = '#reason = :reason, detail = :detail, firstSeenAt = if_not_exists(firstSeenAt, :at), lastSeenAt = :at';
  if (write.reason === 'Complaint') {
    return {
      TableName: write.tableName,
      Key: { pk: { S: suppressedPk(write.mailbox) } },
      UpdateExpression: `SET ${set} REMOVE expiresAt ADD #count :one`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
  }
  return {
    TableName: write.tableName,
    Key: { pk: { S: suppressedPk(write.mailbox) } },
    UpdateExpression: `SET ${set}, expiresAt = :expiresAt ADD #count :one`,
    ConditionExpression: 'attribute_not_exists(#reason) OR #reason <> :complaint',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: { ...values, ':expiresAt': { N: String(write.expiresAt ?? 0) }, ':complaint': { S: 'Complaint' } },
  };
}

/** Counts a bounce of a mailbox already suppressed for a complaint, leaving reason and (no) expiry alone. */
export function countOnlyRequest(write: SuppressionWrite): UpdateItemCommandInput {
  return {
    TableName: write.tableName,
    Key: { pk: { S: suppressedPk(write.mailbox) } },
    UpdateExpression: 'SET lastSeenAt = :at ADD #count :one',
    ExpressionAttributeNames: { '#count': 'count' },
    ExpressionAttributeValues: { ':at': { S: write.at }, ':one': { N: '1' } },
  };
}
