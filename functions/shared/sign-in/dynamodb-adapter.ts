/**
 * Runs the resolvers' DynamoDB requests (AppSync's request objects, built by resolvers/lib's pure builders) with the
 * AWS SDK, and hands back what AppSync would put in `ctx.result`, so the sign-in triggers and the resolvers share the
 * builders and the readers of their results. What differs between the two:
 * - AppSync's typed values allow `N` as a number; the SDK wants a string;
 * - AppSync merges the update's and the condition's names and values into one request;
 * - AppSync returns the item on a false condition (UpdateItem) and the items of a cancelled transaction, already
 *   converted to plain values; here ReturnValuesOnConditionCheckFailure asks DynamoDB for them.
 */
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBTransactWriteItemsRequest, DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import type { TransactWriteResult } from '../../../resolvers/lib/transact.ts';

/** AppSync's typed value: the SDK's AttributeValue, with `N` also a number. */
type AppSyncValue = Record<string, unknown>;

/** One AppSync typed value as the SDK's AttributeValue (`N` as text, maps and lists converted inside). */
export function toAttributeValue(value: AppSyncValue): AttributeValue {
  const [type, inner] = Object.entries(value)[0] ?? [];
  if (type === 'N') return { N: String(inner) };
  if (type === 'NS') return { NS: (inner as unknown[]).map(String) };
  if (type === 'M') return { M: toAttributeMap(inner as Record<string, AppSyncValue>) };
  if (type === 'L') return { L: (inner as AppSyncValue[]).map(toAttributeValue) };
  if (type === undefined) throw new Error('An AppSync DynamoDB value needs a type (S, N, M, …)');
  return value as unknown as AttributeValue;
}

export function toAttributeMap(values: Record<string, AppSyncValue> | undefined): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([name, value]) => [name, toAttributeValue(value)]));
}

interface Expression {
  expression: string;
  expressionNames?: Record<string, string>;
  expressionValues?: Record<string, AppSyncValue>;
}

/** The names and values of an update and a condition, merged as AppSync merges them (`undefined` when none). */
function namesAndValues(...expressions: (Expression | undefined)[]) {
  const names = Object.assign({}, ...expressions.map((expression) => expression?.expressionNames ?? {})) as Record<string, string>;
  const values = Object.assign({}, ...expressions.map((expression) => expression?.expressionValues ?? {})) as Record<string, AppSyncValue>;
  return {
    ExpressionAttributeNames: Object.keys(names).length > 0 ? names : undefined,
    ExpressionAttributeValues: Object.keys(values).length > 0 ? toAttributeMap(values) : undefined,
  };
}

/** UpdateItem's result as AppSync gives it: the item after the write, or, on a false condition, the item as it is. */
export type UpdateResult<Item> = { conditionFailed: false; item: Item } | { conditionFailed: true; item: Item | null };

/** Runs an AppSync UpdateItem request (ReturnValues ALL_NEW, as AppSync). Errors other than a false condition throw. */
export async function runUpdateItem<Item>(client: DynamoDBClient, tableName: string, request: DynamoDBUpdateItemRequest): Promise<UpdateResult<Item>> {
  const update = request.update as Expression;
  const condition = request.condition as Expression | undefined;
  try {
    const output = await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: toAttributeMap(request.key as Record<string, AppSyncValue>),
        UpdateExpression: update.expression,
        ConditionExpression: condition?.expression,
        ...namesAndValues(update, condition),
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: condition ? 'ALL_OLD' : undefined,
      }),
    );
    return { conditionFailed: false, item: unmarshall(output.Attributes ?? {}) as Item };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      return { conditionFailed: true, item: error.Item ? (unmarshall(error.Item) as Item) : null };
    }
    throw error;
  }
}

/** One AppSync transaction entry as the SDK's. */
function transactItem(entry: Record<string, unknown>): TransactWriteItem {
  const key = toAttributeMap(entry.key as Record<string, AppSyncValue>);
  const condition = entry.condition as (Expression & { returnValuesOnConditionCheckFailure?: boolean }) | undefined;
  const common = {
    TableName: entry.table as string,
    ConditionExpression: condition?.expression,
    // AppSync's default for returnValuesOnConditionCheckFailure is true.
    ReturnValuesOnConditionCheckFailure: condition && condition.returnValuesOnConditionCheckFailure !== false ? ('ALL_OLD' as const) : undefined,
  };
  if (entry.operation === 'PutItem') {
    return { Put: { ...common, Item: { ...key, ...toAttributeMap(entry.attributeValues as Record<string, AppSyncValue>) }, ...namesAndValues(condition) } };
  }
  if (entry.operation === 'UpdateItem') {
    const update = entry.update as Expression;
    return { Update: { ...common, Key: key, UpdateExpression: update.expression, ...namesAndValues(update, condition) } };
  }
  if (entry.operation === 'ConditionCheck') {
    return { ConditionCheck: { ...common, Key: key, ConditionExpression: condition?.expression ?? '', ...namesAndValues(condition) } };
  }
  throw new Error(`Unsupported transaction operation ${String(entry.operation)}`);
}

/**
 * Runs an AppSync TransactWriteItems request; a cancelled transaction is answered as AppSync answers it
 * (`cancellationReasons`, in the order of the items, with the item as it was where a condition failed), not thrown.
 */
export async function runTransactWrite<Item>(client: DynamoDBClient, request: DynamoDBTransactWriteItemsRequest): Promise<TransactWriteResult<Item>> {
  const entries = request.transactItems as unknown as Record<string, unknown>[];
  try {
    await client.send(new TransactWriteItemsCommand({ TransactItems: entries.map(transactItem) }));
    return { keys: entries.map((entry) => entry.key) };
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    return {
      cancellationReasons: (error.CancellationReasons ?? []).map((reason) => ({
        type: reason.Code ?? 'None',
        message: reason.Message ?? null,
        item: reason.Item ? (unmarshall(reason.Item) as Item) : null,
      })),
    };
  }
}

/** The item under `key` (a strongly consistent read: a trigger decides on what was just written), or null. */
export async function getItem<Item>(client: DynamoDBClient, tableName: string, key: Record<string, AppSyncValue>): Promise<Item | null> {
  const output = await client.send(new GetItemCommand({ TableName: tableName, Key: toAttributeMap(key), ConsistentRead: true }));
  return output.Item ? (unmarshall(output.Item) as Item) : null;
}
