/**
 * The two conditional writes that enforce the send limits inside `generateOtp`'s transaction. Pure: built from the
 * canonical mailbox, the time and the limits. The window counter asks for its old item on a failed condition, so a
 * refusal can say when the window ends without a second read.
 */
import type { DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import { cooldownPk, ratePk } from '../../infra/model/index.ts';
import { windowStartOf, type SendLimits } from './send-limits.ts';

/** One entry of a TransactWriteItems request. */
export type TransactWriteEntry = DynamoDBTransactWriteItemsRequest['transactItems'][number];

/**
 * Counts one code in the address's current window; the condition refuses it once `maxCodesPerWindow` were counted.
 * The counter expires (TTL) at the window's end: correctness never depends on that deletion, because the window
 * start is part of the key, so a late-deleted counter belongs to a window nobody writes any more.
 */
export function countInWindow(tableName: string, mailbox: string, nowSeconds: number, limits: SendLimits): TransactWriteEntry {
  const windowStart = windowStartOf(nowSeconds, limits.windowSeconds);
  return {
    table: tableName,
    operation: 'UpdateItem',
    key: { pk: { S: ratePk(mailbox, windowStart) } },
    update: {
      expression: 'ADD #count :one SET windowStart = :windowStart, expiresAt = :windowEnd',
      expressionNames: { '#count': 'count' },
      expressionValues: {
        ':one': { N: 1 },
        ':windowStart': { N: windowStart },
        ':windowEnd': { N: windowStart + limits.windowSeconds },
      },
    },
    condition: {
      expression: 'attribute_not_exists(pk) OR #count < :max',
      expressionNames: { '#count': 'count' },
      expressionValues: { ':max': { N: limits.maxCodesPerWindow } },
      returnValuesOnConditionCheckFailure: true,
    },
  };
}

/**
 * Records this send as the address's latest; the condition refuses it while the previous one is younger than the
 * cooldown. `lastSentAt` is compared, not `expiresAt`, so the check does not depend on TTL deletion either.
 */
export function markSent(tableName: string, mailbox: string, nowSeconds: number, limits: SendLimits): TransactWriteEntry {
  return {
    table: tableName,
    operation: 'UpdateItem',
    key: { pk: { S: cooldownPk(mailbox) } },
    update: {
      expression: 'SET lastSentAt = :now, expiresAt = :cooldownEnd',
      expressionValues: { ':now': { N: nowSeconds }, ':cooldownEnd': { N: nowSeconds + limits.cooldownSeconds } },
    },
    condition: {
      expression: 'attribute_not_exists(pk) OR lastSentAt <= :latestAllowed',
      expressionValues: { ':latestAllowed': { N: nowSeconds - limits.cooldownSeconds } },
      // Not needed: a refusal answers with a full cooldown from now, so the previous send's time stays unknown.
      returnValuesOnConditionCheckFailure: false,
    },
  };
}
