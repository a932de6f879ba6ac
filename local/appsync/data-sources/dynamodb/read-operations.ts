/** Query and Scan, returning AppSync's `{ items, nextToken, scannedCount }`. */
import type { Select } from '@aws-sdk/client-dynamodb';
import { InvalidDataSourceRequestError, type DataSourceResult } from '../types.ts';
import { fromAttributeMap } from './attribute-values.ts';
import { toDataSourceError } from './errors.ts';
import { decodeNextToken, encodeNextToken, mergeExpressionAttributes, readExpression } from './expressions.ts';
import type { OperationContext, RequestObject } from './operation-context.ts';

interface ReadOutput {
  Items?: Parameters<typeof fromAttributeMap>[0][];
  LastEvaluatedKey?: Parameters<typeof encodeNextToken>[0];
  ScannedCount?: number;
}

function commonParameters(request: RequestObject) {
  const projection = readExpression(request.projection, 'projection');
  return {
    IndexName: typeof request.index === 'string' ? request.index : undefined,
    Limit: typeof request.limit === 'number' ? request.limit : undefined,
    ConsistentRead: request.consistentRead === true ? true : undefined,
    ExclusiveStartKey: decodeNextToken(request.nextToken),
    Select: typeof request.select === 'string' ? (request.select as Select) : undefined,
    ProjectionExpression: projection?.expression,
    FilterExpression: readExpression(request.filter, 'filter')?.expression,
    ReturnConsumedCapacity: 'TOTAL' as const,
  };
}

function toResult(output: ReadOutput): DataSourceResult {
  return {
    result: {
      items: (output.Items ?? []).map(fromAttributeMap),
      nextToken: encodeNextToken(output.LastEvaluatedKey),
      scannedCount: output.ScannedCount ?? 0,
    },
  };
}

/** Query with `query` (key condition), optional filter, index, limit, nextToken, scanIndexForward, consistentRead, select. */
export async function query(context: OperationContext, request: RequestObject): Promise<DataSourceResult> {
  const keyCondition = readExpression(request.query, 'query');
  if (!keyCondition) throw new InvalidDataSourceRequestError('Query requires "query"');
  const filter = readExpression(request.filter, 'filter');
  const projection = readExpression(request.projection, 'projection');
  try {
    const output = await context.client.call('Query', {
        TableName: context.tableName,
        KeyConditionExpression: keyCondition.expression,
        ScanIndexForward: request.scanIndexForward === false ? false : undefined,
        ...commonParameters(request),
        ...mergeExpressionAttributes(keyCondition, filter, projection),
      });
    context.stats.record('Query', output.ConsumedCapacity, 'read');
    return toResult(output);
  } catch (error) {
    context.stats.record('Query', undefined, 'read');
    return { result: null, error: toDataSourceError(error) };
  }
}

/** Scan with optional filter, index, limit, nextToken, consistentRead, select, segment/totalSegments. */
export async function scan(context: OperationContext, request: RequestObject): Promise<DataSourceResult> {
  const filter = readExpression(request.filter, 'filter');
  const projection = readExpression(request.projection, 'projection');
  try {
    const output = await context.client.call('Scan', {
        TableName: context.tableName,
        Segment: typeof request.segment === 'number' ? request.segment : undefined,
        TotalSegments: typeof request.totalSegments === 'number' ? request.totalSegments : undefined,
        ...commonParameters(request),
        ...mergeExpressionAttributes(filter, projection),
      });
    context.stats.record('Scan', output.ConsumedCapacity, 'read');
    return toResult(output);
  } catch (error) {
    context.stats.record('Scan', undefined, 'read');
    return { result: null, error: toDataSourceError(error) };
  }
}
