/**
 * BatchGetItem, BatchPutItem, BatchDeleteItem with AppSync's result shapes
 * (`{ data: { table: [...] }, unprocessedKeys | unprocessedItems: { table: [...] } }`).
 * BatchGetItem keeps the request's key order and puts null where no item was found, as AppSync documents.
 */
import type { AttributeValue, KeysAndAttributes } from '@aws-sdk/client-dynamodb';
import type { DataSourceResult } from '../types.ts';
import { fromAttributeMap, toAttributeMap, type PlainItem } from './attribute-values.ts';
import { toDataSourceError } from './errors.ts';
import { projectionParameters } from './expressions.ts';
import { requireList, requireMap, type OperationContext, type RequestObject } from './operation-context.ts';

type Key = Record<string, AttributeValue>;

function keyMatches(item: PlainItem, key: PlainItem): boolean {
  return Object.entries(key).every(([name, value]) => item[name] === value);
}

/** BatchGetItem over `tables: { name: { keys, consistentRead?, projection? } }`. */
export async function batchGetItem(context: OperationContext, request: RequestObject): Promise<DataSourceResult> {
  const tables = requireMap(request, 'tables');
  const requestItems: Record<string, KeysAndAttributes> = {};
  const keysByTable: Record<string, Key[]> = {};
  for (const [table, spec] of Object.entries(tables)) {
    const { keys, consistentRead, projection } = (spec ?? {}) as { keys?: unknown; consistentRead?: boolean; projection?: unknown };
    keysByTable[table] = requireList(keys, `tables.${table}.keys`).map(toAttributeMap);
    requestItems[table] = { Keys: keysByTable[table], ConsistentRead: consistentRead === true, ...projectionParameters(projection) };
  }
  try {
    const output = await context.client.call('BatchGetItem', { RequestItems: requestItems, ReturnConsumedCapacity: 'TOTAL' });
    context.stats.record('BatchGetItem', output.ConsumedCapacity, 'read');
    const data: Record<string, (PlainItem | null)[]> = {};
    const unprocessedKeys: Record<string, PlainItem[]> = {};
    for (const [table, keys] of Object.entries(keysByTable)) {
      const found = (output.Responses?.[table] ?? []).map(fromAttributeMap);
      const unprocessed = (output.UnprocessedKeys?.[table]?.Keys ?? []).map(fromAttributeMap);
      unprocessedKeys[table] = unprocessed;
      data[table] = keys
        .map(fromAttributeMap)
        .map((key) => found.find((item) => keyMatches(item, key)) ?? null);
    }
    return { result: { data, unprocessedKeys } };
  } catch (error) {
    context.stats.record('BatchGetItem', undefined, 'read');
    return { result: null, error: toDataSourceError(error) };
  }
}

async function batchWrite(
  context: OperationContext,
  operation: 'BatchPutItem' | 'BatchDeleteItem',
  request: RequestObject,
): Promise<DataSourceResult> {
  const tables = requireMap(request, 'tables');
  const written: Record<string, Key[]> = {};
  for (const [table, entries] of Object.entries(tables)) written[table] = requireList(entries, `tables.${table}`).map(toAttributeMap);
  const requestItems = Object.fromEntries(
    Object.entries(written).map(([table, entries]) => [
      table,
      entries.map((entry) => (operation === 'BatchPutItem' ? { PutRequest: { Item: entry } } : { DeleteRequest: { Key: entry } })),
    ]),
  );
  try {
    const output = await context.client.call('BatchWriteItem', { RequestItems: requestItems, ReturnConsumedCapacity: 'TOTAL' });
    context.stats.record(operation, output.ConsumedCapacity, 'write');
    const unprocessed: Record<string, PlainItem[]> = {};
    const data: Record<string, PlainItem[]> = {};
    for (const table of Object.keys(written)) {
      const left = (output.UnprocessedItems?.[table] ?? []).map((entry) =>
        fromAttributeMap((entry.PutRequest?.Item ?? entry.DeleteRequest?.Key)!),
      );
      unprocessed[table] = left;
      data[table] = written[table]!.map(fromAttributeMap).filter((item) => !left.some((other) => JSON.stringify(other) === JSON.stringify(item)));
    }
    const leftKey = operation === 'BatchPutItem' ? 'unprocessedItems' : 'unprocessedKeys';
    return { result: { data, [leftKey]: unprocessed } };
  } catch (error) {
    context.stats.record(operation, undefined, 'write');
    return { result: null, error: toDataSourceError(error) };
  }
}

/** BatchPutItem over `tables: { name: [items] }`. */
export function batchPutItem(context: OperationContext, request: RequestObject): Promise<DataSourceResult> {
  return batchWrite(context, 'BatchPutItem', request);
}

/** BatchDeleteItem over `tables: { name: [keys] }`. */
export function batchDeleteItem(context: OperationContext, request: RequestObject): Promise<DataSourceResult> {
  return batchWrite(context, 'BatchDeleteItem', request);
}
