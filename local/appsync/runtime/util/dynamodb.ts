/**
 * `util.dynamodb` (https://docs.aws.amazon.com/appsync/latest/devguide/dynamodb-helpers-in-util-dynamodb-js.html).
 * Numbers stay JSON numbers (`{ "N": 12345 }`), as the documented outputs show; the data-source layer turns them into
 * DynamoDB's string form.
 */

/** A DynamoDB attribute value as AppSync's helpers produce it. */
export type AttributeValue = Record<string, unknown>;

/** Any value to its attribute value; lists become `L` (never sets), objects `M`. */
export function toDynamoDB(value: unknown): AttributeValue {
  if (value === null || value === undefined) return { NULL: null };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: value };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(toDynamoDB) };
  if (typeof value === 'object') return { M: toMapValues(value as Record<string, unknown>) };
  throw new TypeError(`util.dynamodb.toDynamoDB cannot convert a ${typeof value}`);
}

/** An object to a map of attribute values (the form `key` and `attributeValues` take). */
export function toMapValues(value: Record<string, unknown>): Record<string, AttributeValue> {
  const output: Record<string, AttributeValue> = {};
  for (const [name, item] of Object.entries(value ?? {})) {
    if (item !== undefined) output[name] = toDynamoDB(item);
  }
  return output;
}

/** The S3 object JSON AppSync stores in a string attribute. */
function s3ObjectJson(key: string, bucket: string, region: string, version?: string): string {
  const s3: Record<string, string> = { key, bucket, region };
  if (version !== undefined) s3.version = version;
  return JSON.stringify({ s3 });
}

/** `util.dynamodb`. */
export const dynamodbUtils = {
  toDynamoDB,
  toString: (value: string): AttributeValue => ({ S: value }),
  toStringSet: (values: string[]): AttributeValue => ({ SS: [...values] }),
  toNumber: (value: number): AttributeValue => ({ N: value }),
  toNumberSet: (values: number[]): AttributeValue => ({ NS: [...values] }),
  toBinary: (value: string): AttributeValue => ({ B: value }),
  toBinarySet: (values: string[]): AttributeValue => ({ BS: [...values] }),
  toBoolean: (value: boolean): AttributeValue => ({ BOOL: value }),
  toNull: (): AttributeValue => ({ NULL: null }),
  toList: (values: unknown[]): AttributeValue => ({ L: values.map(toDynamoDB) }),
  toMap: (value: Record<string, unknown>): AttributeValue => ({ M: toMapValues(value) }),
  toMapValues,
  /**
   * `{ S: <JSON of { s3: { key, bucket, region[, version] } }> }`. The docs print the JSON with spaces; the spacing of
   * the string AppSync really produces is unconfirmed, so this emits compact JSON (same parsed value).
   */
  toS3Object: (key: string, bucket: string, region: string, version?: string): AttributeValue => ({
    S: s3ObjectJson(key, bucket, region, version),
  }),
  /** The `s3` object (key, bucket, region[, version]) out of the string {@link dynamodbUtils.toS3Object} stores. */
  fromS3ObjectJson: (json: string): Record<string, string> => {
    const parsed = JSON.parse(json) as { s3?: Record<string, string> };
    if (!parsed.s3) throw new Error('util.dynamodb.fromS3ObjectJson: no "s3" object in the JSON');
    return parsed.s3;
  },
};
