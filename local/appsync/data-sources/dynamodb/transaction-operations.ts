/**
 * TransactGetItems and TransactWriteItems with AppSync's result shapes
 * (js-aws-appsync-resolver-reference-dynamodb-transact-{get,write}-items):
 * success `{ keys | items: [...], cancellationReasons: null }`; on TransactionCanceledException ctx.error is set
 * and the result is `{ keys | items: null, cancellationReasons: [{ type, message, item? }] }`.
 */
import type { CancellationReason, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { InvalidDataSourceRequestError, type DataSourceResult } from '../types.ts';
import { fromAttributeMap, fromOptionalItem, toAttributeMap } from './attribute-values.ts';
import { isServiceError, toDataSourceError } from './errors.ts';
import { mergeExpressionAttributes, projectionParameters, readExpression, type ExpressionObject } from './expressions.ts';
import { requireList, type OperationContext, type RequestObject } from './operation-context.ts';

interface TransactCondition extends ExpressionObject {
  returnValuesOnConditionCheckFailure?: boolean;
}

interface TransactWriteEntry {
  table?: unknown;
  operation?: unknown;
  key?: unknown;
  attributeValues?: unknown;
  update?: unknown;
  condition?: unknown;
}

/** One cancellation reason as AppSync reports it; `item` only when DynamoDB returned the item. */
export interface AppSyncCancellationReason {
  type: string | null;
  message: string | null;
  item?: Record<string, unknown>;
}

/** DynamoDB's reasons to AppSync's shape (item as plain JSON). */
function toCancellationReasons(reasons: CancellationReason[] | undefined): AppSyncCancellationReason[] {
  return (reasons ?? []).map((reason) => ({
    type: reason.Code ?? null,
    message: reason.Message ?? null,
    ...(reason.Item ? { item: fromAttributeMap(reason.Item) } : {}),
  }));
}

function tableOf(entry: { table?: unknown }, index: number): string {
  if (typeof entry.table !== 'string') throw new InvalidDataSourceRequestError(`transactItems[${index}].table is required`);
  return entry.table;
}

function toTransactWriteItem(entry: TransactWriteEntry, index: number): TransactWriteItem {
  const TableName = tableOf(entry, index);
  const Key = toAttributeMap(entry.key);
  const condition = readExpression(entry.condition, `transactItems[${index}].condition`) as TransactCondition | undefined;
  const conditionParameters = condition
    ? {
        ConditionExpression: condition.expression,
        ...(condition.returnValuesOnConditionCheckFailure ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {}),
      }
    : {};
  switch (entry.operation) {
    case 'PutItem':
      return {
        Put: {
          TableName,
          Item: { ...toAttributeMap(entry.attributeValues ?? {}), ...Key },
          ...conditionParameters,
          ...mergeExpressionAttributes(condition),
        },
      };
    case 'UpdateItem': {
      const update = readExpression(entry.update, `transactItems[${index}].update`);
      if (!update) throw new InvalidDataSourceRequestError(`transactItems[${index}] UpdateItem requires "update"`);
      return {
        Update: { TableName, Key, UpdateExpression: update.expression, ...conditionParameters, ...mergeExpressionAttributes(update, condition) },
      };
    }
    case 'DeleteItem':
      return { Delete: { TableName, Key, ...conditionParameters, ...mergeExpressionAttributes(condition) } };
    case 'ConditionCheck':
      if (!condition) throw new InvalidDataSourceRequestError(`transactItems[${index}] ConditionCheck requires "condition"`);
      return {
        ConditionCheck: {
          TableName,
          Key,
          ConditionExpression: condition.expression,
          ...conditionParameters,
          ...mergeExpressionAttributes(condition),
        },
      };
    default:
      throw new InvalidDataSourceRequestError(`transactItems[${index}].operation ${JSON.stringify(entry.operation)} is not supported`);
  }
}

function readCancellationReasons(error: unknown): CancellationReason[] | undefined {
  return (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons;
}

/** TransactWriteItems: the result's `keys` are the items' keys in request order. */
export async function transactWriteItems(context: OperationContext, request: RequestObject): Promise<DataSourceResult> {
  const entries = requireList(request.transactItems, 'transactItems') as TransactWriteEntry[];
  const items = entries.map(toTransactWriteItem);
  try {
    const output = await context.client.call('TransactWriteItems', { TransactItems: items, ReturnConsumedCapacity: 'TOTAL' });
    context.stats.record('TransactWriteItems', output.ConsumedCapacity, 'write');
    return { result: { keys: entries.map((entry) => fromAttributeMap(toAttributeMap(entry.key))), cancellationReasons: null } };
  } catch (error) {
    context.stats.record('TransactWriteItems', undefined, 'write');
    if (!isServiceError(error, 'TransactionCanceledException')) return { result: null, error: toDataSourceError(error) };
    return {
      result: { keys: null, cancellationReasons: toCancellationReasons(readCancellationReasons(error)) },
      error: toDataSourceError(error),
    };
  }
}

/** TransactGetItems: `items` in request order, null for missing items. */
export async function transactGetItems(context: OperationContext, request: RequestObject): Promise<DataSourceResult> {
  const entries = requireList(request.transactItems, 'transactItems') as { table?: unknown; key?: unknown; projection?: unknown }[];
  const items = entries.map((entry, index) => ({
    Get: { TableName: tableOf(entry, index), Key: toAttributeMap(entry.key), ...projectionParameters(entry.projection) },
  }));
  try {
    const output = await context.client.call('TransactGetItems', { TransactItems: items, ReturnConsumedCapacity: 'TOTAL' });
    context.stats.record('TransactGetItems', output.ConsumedCapacity, 'read');
    return { result: { items: (output.Responses ?? []).map((response) => fromOptionalItem(response.Item)), cancellationReasons: null } };
  } catch (error) {
    context.stats.record('TransactGetItems', undefined, 'read');
    if (!isServiceError(error, 'TransactionCanceledException')) return { result: null, error: toDataSourceError(error) };
    return {
      result: { items: null, cancellationReasons: toCancellationReasons(readCancellationReasons(error)) },
      error: toDataSourceError(error),
    };
  }
}
