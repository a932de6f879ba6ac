/** AppSync expression objects (`{ expression, expressionNames, expressionValues }`) to SDK parameters. */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { InvalidDataSourceRequestError } from '../types.ts';
import { toAttributeMap } from './attribute-values.ts';

/** An expression as request objects carry it. */
export interface ExpressionObject {
  expression: string;
  expressionNames?: Record<string, string>;
  expressionValues?: Record<string, unknown>;
}

/** Names and values gathered from several expressions of one call. */
export interface ExpressionAttributes {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
}

/** Reads an optional expression object, checking its shape. */
export function readExpression(value: unknown, what: string): ExpressionObject | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || typeof (value as ExpressionObject).expression !== 'string') {
    throw new InvalidDataSourceRequestError(`${what} must be an object with an "expression" string`);
  }
  return value as ExpressionObject;
}

/** Merges the placeholders of the given expressions (undefined entries skipped); omits empty maps as the SDK requires. */
export function mergeExpressionAttributes(...expressions: (ExpressionObject | undefined)[]): ExpressionAttributes {
  const names: Record<string, string> = {};
  const values: Record<string, AttributeValue> = {};
  for (const expression of expressions) {
    if (!expression) continue;
    Object.assign(names, expression.expressionNames ?? {});
    Object.assign(values, toAttributeMap(expression.expressionValues ?? {}));
  }
  return {
    ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
}

/** ProjectionExpression parameters from AppSync's `projection`. */
export function projectionParameters(projection: unknown): { ProjectionExpression?: string } & ExpressionAttributes {
  const expression = readExpression(projection, 'projection');
  if (!expression) return {};
  return { ProjectionExpression: expression.expression, ...mergeExpressionAttributes(expression) };
}

/** Encodes LastEvaluatedKey as AppSync's opaque nextToken (base64 JSON; decision: AppSync's format is private). */
export function encodeNextToken(lastEvaluatedKey: Record<string, AttributeValue> | undefined): string | null {
  return lastEvaluatedKey ? Buffer.from(JSON.stringify(lastEvaluatedKey)).toString('base64') : null;
}

/** Decodes a nextToken made by encodeNextToken. */
export function decodeNextToken(token: unknown): Record<string, AttributeValue> | undefined {
  if (token === undefined || token === null || token === '') return undefined;
  try {
    return JSON.parse(Buffer.from(String(token), 'base64').toString('utf8')) as Record<string, AttributeValue>;
  } catch {
    throw new InvalidDataSourceRequestError('Invalid nextToken');
  }
}
