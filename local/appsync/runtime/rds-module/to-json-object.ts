/**
 * `toJsonObject(result)` of `@aws-appsync/utils/rds`: the Data API's ExecuteStatement result (a JSON string or the
 * parsed object) → one array of row objects per statement, keyed by column label (the documented example in
 * rds-helpers.d.ts). `null` when the input is invalid or unexpected (resolver-reference-rds-js).
 */
type Field = Record<string, unknown>;

/** A Data API `Field` → its JSON value (`isNull` → null; arrays and structs recursively). */
function fieldValue(field: Field): unknown {
  if (field.isNull === true) return null;
  for (const key of ['stringValue', 'booleanValue', 'longValue', 'doubleValue', 'blobValue']) {
    if (key in field) return field[key];
  }
  if ('arrayValue' in field) {
    const array = field.arrayValue as Record<string, unknown[]>;
    const [values = []] = Object.values(array);
    return values.map((item) => (typeof item === 'object' && item !== null ? fieldValue(item as Field) : item));
  }
  if ('structValue' in field) {
    const attributes = ((field.structValue as { attributes?: Field[] }).attributes ?? []) as Field[];
    return attributes.map(fieldValue);
  }
  return null;
}

export function toJsonObject(data: unknown): Record<string, unknown>[][] | null {
  let parsed: unknown = data;
  if (typeof data === 'string') {
    try {
      parsed = JSON.parse(data);
    } catch {
      return null;
    }
  }
  const results = (parsed as { sqlStatementResults?: unknown } | null)?.sqlStatementResults;
  if (!Array.isArray(results)) return null;
  return results.map((result: { records?: Field[][]; columnMetadata?: { label?: string; name?: string }[] }) => {
    const columns = (result.columnMetadata ?? []).map((column) => column.label ?? column.name ?? '');
    return (result.records ?? []).map((record) =>
      Object.fromEntries(record.map((field, index) => [columns[index] ?? String(index), fieldValue(field)])),
    );
  });
}
