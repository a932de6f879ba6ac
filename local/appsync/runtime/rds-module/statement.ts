/**
 * SQL statements of `@aws-appsync/utils/rds` as opaque handles (the type definitions declare `SQLStatement` as an empty
 * interface): handler code can pass them around but not forge or change them, and `createPgStatement` /
 * `createMySQLStatement` turn them into the documented `{ statements, variableMap, variableTypeHintMap }`
 * (https://docs.aws.amazon.com/appsync/latest/devguide/resolver-reference-rds-js.html).
 */

/** One piece of a statement: verbatim text, an identifier to quote, or a value sent through the variable map. */
export type Chunk = { text: string } | { identifier: string } | { value: unknown };

/** A value cast with `typeHint.*`: sent with an entry in `variableTypeHintMap`. */
interface TypeHinted {
  hint: string;
  value: unknown;
}

const statements = new WeakMap<object, Chunk[]>();
const typeHints = new WeakMap<object, TypeHinted>();

/** Wraps chunks in a new opaque statement handle. */
export function makeStatement(chunks: Chunk[]): object {
  const handle = Object.freeze({});
  statements.set(handle, chunks);
  return handle;
}

/** The chunks of a statement handle, or undefined for anything else. */
export function chunksOf(value: unknown): Chunk[] | undefined {
  return typeof value === 'object' && value !== null ? statements.get(value) : undefined;
}

/** A value cast with a type hint (see {@link typeHint}). */
export function makeTypeHinted(hint: string, value: unknown): object {
  const handle = Object.freeze({});
  typeHints.set(handle, { hint, value });
  return handle;
}

/**
 * The `sql` tagged template: the literal text is kept as written (not quoted or escaped, as the page says), every
 * `${value}` becomes a variable; a statement built by the module is inlined (so `sql` can customize a `where`).
 */
export function sql(literal: TemplateStringsArray | readonly string[], ...values: unknown[]): object {
  const chunks: Chunk[] = [];
  literal.forEach((text, index) => {
    chunks.push({ text });
    if (index < values.length) chunks.push(...(chunksOf(values[index]) ?? [{ value: values[index] }]));
  });
  return makeStatement(chunks);
}

/**
 * `typeHint.*` (rds-helpers.d.ts: DECIMAL, JSON, TIMESTAMP, TIME, UUID, DATE), the Data API's SqlParameter type hints.
 * Unconfirmed, decided: JSON values are sent as JSON text and DECIMAL values as strings, the forms the Data API takes.
 */
export const typeHint = {
  DECIMAL: (value: string | number): object => makeTypeHinted('DECIMAL', String(value)),
  JSON: (value: unknown): object => makeTypeHinted('JSON', JSON.stringify(value)),
  TIMESTAMP: (value: string): object => makeTypeHinted('TIMESTAMP', value),
  TIME: (value: string): object => makeTypeHinted('TIME', value),
  UUID: (value: string): object => makeTypeHinted('UUID', value),
  DATE: (value: string): object => makeTypeHinted('DATE', value),
};

/** The request object of an RDS data source (resolver-return-types.d.ts `RDSRequest`). */
export interface RdsRequest {
  statements: string[];
  variableMap: Record<string, unknown>;
  variableTypeHintMap: Record<string, string>;
}

/** `private.persons` → `"private"."persons"`; `*` stays as it is; the quote character is doubled inside a name. */
function quoteIdentifier(name: string, quote: string): string {
  return name
    .split('.')
    .map((part) => (part === '*' ? part : `${quote}${part.split(quote).join(quote + quote)}${quote}`))
    .join('.');
}

/**
 * Renders up to two statements for one engine. Variables are named `:P0`, `:P1`, … (the documented `sql` example:
 * `… where artist_id = :P0`, `{ ":P0": 134 }`); unconfirmed, decided: numbering continues into the second statement
 * so both share one variable map.
 */
function render(quote: string, first: unknown, second: unknown): RdsRequest {
  const request: RdsRequest = { statements: [], variableMap: {}, variableTypeHintMap: {} };
  for (const statement of second === undefined || second === null ? [first] : [first, second]) {
    if (typeof statement === 'string') {
      request.statements.push(statement);
      continue;
    }
    const chunks = chunksOf(statement);
    if (!chunks) throw new TypeError('createStatement: expected a statement built by @aws-appsync/utils/rds, or a string');
    let text = '';
    for (const chunk of chunks) {
      if ('text' in chunk) text += chunk.text;
      else if ('identifier' in chunk) text += quoteIdentifier(chunk.identifier, quote);
      else {
        const name = `:P${Object.keys(request.variableMap).length}`;
        const hinted = typeof chunk.value === 'object' && chunk.value !== null ? typeHints.get(chunk.value) : undefined;
        request.variableMap[name] = hinted ? hinted.value : chunk.value;
        if (hinted) request.variableTypeHintMap[name] = hinted.hint;
        text += name;
      }
    }
    request.statements.push(text);
  }
  return request;
}

/** An RDS request for PostgreSQL: identifiers quoted with `"` (rds-helpers.d.ts). */
export function createPgStatement(statement1: unknown, statement2?: unknown): RdsRequest {
  return render('"', statement1, statement2);
}

/** An RDS request for MySQL: identifiers quoted with backticks (rds-helpers.d.ts). */
export function createMySQLStatement(statement1: unknown, statement2?: unknown): RdsRequest {
  return render('`', statement1, statement2);
}
