/**
 * `toJsonObject(result)` of `@aws-appsync/utils/rds` (also `util.rds.toJsonObject`): the Data API's ExecuteStatement
 * result (a JSON string or the parsed object) → one array of row objects per statement, as AppSync answers
 * (recorded, local/fixtures/runtime/recorded-cases.ts): keys are the column `label`, else its `name`; a NULL field
 * (`isNull`) leaves its key out; arrays (`arrayValue`, nested `arrayValues`) become lists; a statement without
 * `records` (a write) gives `[{}]`. Unconfirmed, decided: input that is not such a result gives null.
 */
type Field = Record<string, unknown>;
type Column = { label?: unknown; name?: unknown };
type StatementResult = { records?: unknown; columnMetadata?: unknown };

/** A Data API array value → its list (`stringValues`, `longValues`, …, or nested `arrayValues`). */
function arrayValue(array: Record<string, unknown>): unknown[] {
  if (Array.isArray(array.arrayValues)) return array.arrayValues.map((inner) => arrayValue(inner as Record<string, unknown>));
  const [values] = Object.values(array);
  return Array.isArray(values) ? [...values] : [];
}

/** A Data API `Field` → its value; undefined for NULL (the key is left out). */
function fieldValue(field: Field): unknown {
  if (field.isNull === true) return undefined;
  for (const key of ['stringValue', 'booleanValue', 'longValue', 'doubleValue', 'blobValue']) {
    if (key in field) return field[key];
  }
  if (typeof field.arrayValue === 'object' && field.arrayValue !== null) return arrayValue(field.arrayValue as Record<string, unknown>);
  return undefined;
}

function rows(result: StatementResult): Record<string, unknown>[] {
  if (!Array.isArray(result.records)) return [{}];
  const columns = (Array.isArray(result.columnMetadata) ? (result.columnMetadata as Column[]) : []).map((column, index) =>
    String(column.label ?? column.name ?? index),
  );
  return (result.records as Field[][]).map((record) => {
    const row: Record<string, unknown> = {};
    record.forEach((field, index) => {
      const value = fieldValue(field);
      if (value !== undefined) row[columns[index] ?? String(index)] = value;
    });
    return row;
  });
}

/** See the module comment. */
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
  return Array.isArray(results) ? results.map((result) => rows(result as StatementResult)) : null;
}
