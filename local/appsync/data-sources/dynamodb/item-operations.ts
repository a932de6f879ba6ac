/**
 * GetItem, PutItem, UpdateItem and DeleteItem with AppSync's condition semantics
 * (js-aws-appsync-resolver-reference-dynamodb-condition-expressions).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { InvalidDataSourceRequestError, type DataSourceResult } from '../types.ts';
import { fromAttributeMap, fromOptionalItem, toAttributeMap, type PlainItem } from './attribute-values.ts';
import { isServiceError, toDataSourceError } from './errors.ts';
import { mergeExpressionAttributes, projectionParameters, readExpression, type ExpressionObject } from './expressions.ts';
import { requireMap, type OperationContext, type RequestObject } from './operation-context.ts';

/** The `condition` of a non-transactional write. */
interface WriteCondition extends ExpressionObject {
  equalsIgnore?: string[];
  consistentRead?: boolean;
  conditionalCheckFailedHandler?: { strategy?: 'Reject' | 'Custom'; lambdaArn?: string };
}

function readCondition(request: RequestObject): WriteCondition | undefined {
  const condition = readExpression(request.condition, 'condition') as WriteCondition | undefined;
  if (condition?.conditionalCheckFailedHandler?.strategy === 'Custom') {
    // Custom handlers call a Lambda function; the local engine has no Lambda data source.
    throw new InvalidDataSourceRequestError('conditionalCheckFailedHandler strategy Custom is not supported locally');
  }
  return condition;
}

/** GetItem: the item or null. */
export async function getItem(context: OperationContext, request: RequestObject): Promise<DataSourceResult> {
  const projection = projectionParameters(request.projection);
  const output = await context.client.call('GetItem', {
      TableName: context.tableName,
      Key: toAttributeMap(requireMap(request, 'key')),
      ConsistentRead: request.consistentRead === true,
      ReturnConsumedCapacity: 'TOTAL',
      ...projection,
    });
  context.stats.record('GetItem', output.ConsumedCapacity, 'read');
  return { result: fromOptionalItem(output.Item) };
}

async function readCurrent(
  context: OperationContext,
  key: Record<string, AttributeValue>,
  consistentRead: boolean,
): Promise<PlainItem | null> {
  const output = await context.client.call('GetItem', { TableName: context.tableName, Key: key, ConsistentRead: consistentRead, ReturnConsumedCapacity: 'TOTAL' });
  context.stats.record('GetItem', output.ConsumedCapacity, 'read');
  return fromOptionalItem(output.Item);
}

function withoutAttributes(item: PlainItem, ignored: readonly string[]): PlainItem {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !ignored.includes(name)));
}

/** Deep equality of plain JSON values, ignoring key order. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) => sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/**
 * After a failed condition, AppSync re-reads the item and reports success when it already equals the intended
 * result (ignoring `equalsIgnore`); otherwise it rejects with ConditionalCheckFailedException and the current
 * item as the result. `intended` is only known for PutItem; other operations reject directly.
 */
async function handleConditionFailure(
  context: OperationContext,
  error: unknown,
  key: Record<string, AttributeValue>,
  condition: WriteCondition | undefined,
  intended: PlainItem | null,
): Promise<DataSourceResult> {
  const current = await readCurrent(context, key, condition?.consistentRead === true);
  if (intended && current) {
    const ignored = condition?.equalsIgnore ?? [];
    if (sameJson(withoutAttributes(current, ignored), withoutAttributes(intended, ignored))) return { result: current };
  }
  return { result: current, error: toDataSourceError(error) };
}

/** PutItem: writes key + attributeValues; the result is the written item. */
export async function putItem(context: OperationContext, request: RequestObject): Promise<DataSourceResult> {
  const key = toAttributeMap(requireMap(request, 'key'));
  const item = { ...toAttributeMap(request.attributeValues ?? {}), ...key };
  const condition = readCondition(request);
  try {
    const output = await context.client.call('PutItem', {
        TableName: context.tableName,
        Item: item,
        ConditionExpression: condition?.expression,
        ReturnConsumedCapacity: 'TOTAL',
        ...mergeExpressionAttributes(condition),
      });
    context.stats.record('PutItem', output.ConsumedCapacity, 'write');
    return { result: fromAttributeMap(item) };
  } catch (error) {
    context.stats.record('PutItem', undefined, 'write');
    if (!isServiceError(error, 'ConditionalCheckFailedException')) return { result: null, error: toDataSourceError(error) };
    return handleConditionFailure(context, error, key, condition, fromAttributeMap(item));
  }
}

/** UpdateItem: applies `update`; the result is the item after the update (ALL_NEW). */
export async function updateItem(context: OperationContext, request: RequestObject): Promise<DataSourceResult> {
  const key = toAttributeMap(requireMap(request, 'key'));
  const update = readExpression(request.update, 'update');
  if (!update) throw new InvalidDataSourceRequestError('UpdateItem requires "update"');
  const condition = readCondition(request);
  try {
    const output = await context.client.call('UpdateItem', {
        TableName: context.tableName,
        Key: key,
        UpdateExpression: update.expression,
        ConditionExpression: condition?.expression,
        ReturnValues: 'ALL_NEW',
        ReturnConsumedCapacity: 'TOTAL',
        ...mergeExpressionAttributes(update, condition),
      });
    context.stats.record('UpdateItem', output.ConsumedCapacity, 'write');
    return { result: fromOptionalItem(output.Attributes) };
  } catch (error) {
    context.stats.record('UpdateItem', undefined, 'write');
    if (!isServiceError(error, 'ConditionalCheckFailedException')) return { result: null, error: toDataSourceError(error) };
    return handleConditionFailure(context, error, key, condition, null);
  }
}

/** DeleteItem: the result is the deleted item (ALL_OLD), null when there was none. */
export async function deleteItem(context: OperationContext, request: RequestObject): Promise<DataSourceResult> {
  const key = toAttributeMap(requireMap(request, 'key'));
  const condition = readCondition(request);
  try {
    const output = await context.client.call('DeleteItem', {
        TableName: context.tableName,
        Key: key,
        ConditionExpression: condition?.expression,
        ReturnValues: 'ALL_OLD',
        ReturnConsumedCapacity: 'TOTAL',
        ...mergeExpressionAttributes(condition),
      });
    context.stats.record('DeleteItem', output.ConsumedCapacity, 'write');
    return { result: fromOptionalItem(output.Attributes) };
  } catch (error) {
    context.stats.record('DeleteItem', undefined, 'write');
    if (!isServiceError(error, 'ConditionalCheckFailedException')) return { result: null, error: toDataSourceError(error) };
    return handleConditionFailure(context, error, key, condition, null);
  }
}
