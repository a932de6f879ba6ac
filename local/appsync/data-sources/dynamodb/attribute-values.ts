/**
 * Conversions between AppSync's typed DynamoDB values (as request objects carry them: `{ N: 123 }` may hold a
 * JSON number) and the SDK's AttributeValue, and from DynamoDB items to the plain JSON resolvers receive.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { InvalidDataSourceRequestError } from '../types.ts';

/** A typed value as written in a request object. */
export type TypedValue = Record<string, unknown>;
/** An item or key as plain JSON. */
export type PlainItem = Record<string, unknown>;

function asNumberString(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return value;
  throw new InvalidDataSourceRequestError(`Invalid number value: ${JSON.stringify(value)}`);
}

function asArray(value: unknown, type: string): unknown[] {
  if (!Array.isArray(value)) throw new InvalidDataSourceRequestError(`${type} must be a list`);
  return value;
}

/** Converts one typed value (`{S: "x"}`, `{N: 1}`, `{M: {...}}`…) to the SDK's AttributeValue. */
function toAttributeValue(value: unknown): AttributeValue {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidDataSourceRequestError(`Expected a typed DynamoDB value such as {"S": "..."}, got ${JSON.stringify(value)}`);
  }
  const entries = Object.entries(value as TypedValue);
  if (entries.length !== 1) {
    throw new InvalidDataSourceRequestError(`A typed DynamoDB value has exactly one type key, got ${JSON.stringify(value)}`);
  }
  const [type, inner] = entries[0]!;
  switch (type) {
    case 'S':
      return { S: String(inner) };
    case 'N':
      return { N: asNumberString(inner) };
    case 'BOOL':
      return { BOOL: Boolean(inner) };
    case 'NULL':
      return { NULL: true };
    case 'B':
      return { B: Buffer.from(String(inner), 'base64') };
    case 'SS':
      return { SS: asArray(inner, 'SS').map(String) };
    case 'NS':
      return { NS: asArray(inner, 'NS').map(asNumberString) };
    case 'BS':
      return { BS: asArray(inner, 'BS').map((item) => Buffer.from(String(item), 'base64')) };
    case 'L':
      return { L: asArray(inner, 'L').map(toAttributeValue) };
    case 'M':
      return { M: toAttributeMap(inner as TypedValue) };
    default:
      throw new InvalidDataSourceRequestError(`Unknown DynamoDB type "${type}"`);
  }
}

/** Converts a map of typed values (a key, attributeValues, expressionValues). */
export function toAttributeMap(map: unknown): Record<string, AttributeValue> {
  if (map === null || typeof map !== 'object' || Array.isArray(map)) {
    throw new InvalidDataSourceRequestError(`Expected a map of typed DynamoDB values, got ${JSON.stringify(map)}`);
  }
  const out: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(map)) out[name] = toAttributeValue(value);
  return out;
}

/** Converts an SDK AttributeValue to plain JSON: numbers as numbers, sets as arrays, binary as base64. */
function fromAttributeValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.B !== undefined) return Buffer.from(value.B).toString('base64');
  if (value.SS !== undefined) return [...value.SS];
  if (value.NS !== undefined) return value.NS.map(Number);
  if (value.BS !== undefined) return value.BS.map((item) => Buffer.from(item).toString('base64'));
  if (value.L !== undefined) return value.L.map(fromAttributeValue);
  if (value.M !== undefined) return fromAttributeMap(value.M);
  return null;
}

/** Converts an item (or key) to plain JSON. */
export function fromAttributeMap(map: Record<string, AttributeValue>): PlainItem {
  const out: PlainItem = {};
  for (const [name, value] of Object.entries(map)) out[name] = fromAttributeValue(value);
  return out;
}

/** An optional item to plain JSON (null when absent). */
export function fromOptionalItem(map: Record<string, AttributeValue> | undefined): PlainItem | null {
  return map ? fromAttributeMap(map) : null;
}
