import { BuiltInInputError } from '../signals.ts';
import { statementOf, type Chunk } from './statement.ts';

/**
 * Table names, aliases and column lists of the statement builders, with AppSync's recorded texts and refusals
 * (local/fixtures/runtime/recorded-cases.ts): `"private"."persons"`; an alias `{ persons: 'p' }` → `"p" as
 * "persons"`; columns `"id", "persons"."name"`, `*` unquoted, an empty list nothing at all.
 */

const text = (value: string): Chunk => ({ text: value });

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Chunks joined by `, `. */
export function commaList(items: Chunk[][]): Chunk[] {
  return items.flatMap((item, index) => (index > 0 ? [text(', '), ...item] : item));
}

/** `{ alias: source }` → `"source" as "alias"`; exactly one entry (recorded refusals). */
function aliasChunks(alias: Record<string, unknown>): Chunk[] {
  const entries = Object.entries(alias);
  if (entries.length === 0) throw new BuiltInInputError('java.util.NoSuchElementException');
  if (entries.length > 1) throw new BuiltInInputError('table alias is allowed only one key-value pair.');
  const [[name, source]] = entries as [[string, unknown]];
  const statement = statementOf(source);
  // Unconfirmed, decided: a subquery as the aliased source is parenthesized, an aggregate is not.
  if (statement?.aggregate) return [...statement.chunks, text(' as '), { identifier: name }];
  if (statement) return [text('('), ...statement.chunks, text(') as '), { identifier: name }];
  if (typeof source !== 'string') throw new BuiltInInputError('Table alias value is expected to be a string.');
  return [{ identifier: source }, text(' as '), { identifier: name }];
}

/** The table of insert/update/remove: `table` only (an insert with `from` alone is refused, recorded). */
export function tableChunks(payload: Record<string, unknown>): Chunk[] {
  const table = payload.table;
  if (table === undefined || table === null) throw new BuiltInInputError("'table' or 'from' key is required.");
  if (typeof table === 'string') return [{ identifier: table }];
  if (isObject(table)) return aliasChunks(table);
  throw new BuiltInInputError('table name is expected to be a string or alias.');
}

/** The source of a select: `table` or `from` (never both), `from` also a subquery (decided: parenthesized). */
export function sourceChunks(payload: Record<string, unknown>): Chunk[] {
  const hasTable = payload.table !== undefined && payload.table !== null;
  const hasFrom = payload.from !== undefined && payload.from !== null;
  if (hasTable && hasFrom) throw new BuiltInInputError("'from' and 'table' keys cannot be used together");
  if (!hasFrom) return tableChunks(payload);
  const from = payload.from;
  if (typeof from === 'string') return [{ identifier: from }];
  const statement = statementOf(from);
  if (statement) return [text('('), ...statement.chunks, text(')')];
  if (isObject(from)) return aliasChunks(from);
  throw new BuiltInInputError("'from' value is expected to be string or object.");
}

/**
 * A column list (select `columns`, `returning`): `'*'` or a list; `*` stays bare, every other name is quoted per
 * segment (`persons.*` → `"persons"."*"`, recorded). Unconfirmed, decided: an alias object `{ alias: 'col' }` →
 * `"col" as "alias"`, an aggregate (`agg.*`) is written as built.
 */
export function columnChunks(columns: unknown): Chunk[] {
  if (columns === '*') return [text('*')];
  if (!Array.isArray(columns)) throw new BuiltInInputError('Expected column to be * or an array.');
  return commaList(
    columns.map((column: unknown): Chunk[] => {
      if (column === '*') return [text('*')];
      if (typeof column === 'string') return [{ identifier: column }];
      const statement = statementOf(column);
      if (statement) return statement.chunks;
      if (isObject(column)) return aliasChunks(column);
      throw new BuiltInInputError('Invalid type in column array.');
    }),
  );
}
