import { BuiltInInputError } from '../signals.ts';
import { whereChunks } from './condition.ts';
import { columnChunks, commaList, sourceChunks, tableChunks } from './identifiers.ts';
import { makeStatement, valueChunk, type Chunk } from './statement.ts';

/**
 * `select`, `insert`, `update`, `remove` and `agg` of `@aws-appsync/utils/rds` (rds-helpers.d.ts), writing what AppSync
 * writes (recorded, local/fixtures/runtime/recorded-cases.ts):
 * `SELECT "id", "name" FROM "UserGroup" WHERE … ORDER BY "name" ASC, "id" DESC LIMIT :P2 OFFSET :P3`,
 * `INSERT INTO "persons" ("name") VALUES (:P0) RETURNING *`, `UPDATE "persons" SET "name" = :P0 WHERE "id" = :P1`,
 * `DELETE FROM "persons" WHERE "id" = :P0 RETURNING "id", "name"`. Clauses are joined by one space and an empty one
 * is left out (`SELECT FROM …` for `columns: []`, `SET WHERE` for `values: {}`); null values are the literal NULL;
 * limit/offset are variables (a numeric string as a number). Unconfirmed, decided: joins (`INNER JOIN "t" ON …` /
 * `USING ("a")`), `GROUP BY`, `HAVING` and `agg.*` (`MAX("col")`); the recordings do not cover them.
 */
type Json = Record<string, unknown>;

const text = (value: string): Chunk => ({ text: value });

/** The payload object; AppSync's refusals for a missing or malformed one (recorded). */
function payloadOf(name: string, args: unknown[]): Json {
  if (args.length === 0 || args[0] === undefined) throw new BuiltInInputError(`An argument is expected to be passed to ${name}`);
  const [payload] = args;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new BuiltInInputError('Expected payload to be an Object.');
  return payload as Json;
}

/** Clauses joined by one space, empty ones left out, no blank at the end (AppSync's dangling joiners end the text). */
function statement(clauses: Chunk[][], hasReturning = false): object {
  const chunks = spaced(clauses.filter((clause) => clause.length > 0));
  const last = chunks[chunks.length - 1];
  if (last && 'text' in last) chunks[chunks.length - 1] = text(last.text.trimEnd());
  return makeStatement(chunks, { hasReturning });
}

/** Clauses separated by one space. */
function spaced(clauses: Chunk[][]): Chunk[] {
  return clauses.flatMap((clause, index) => (index > 0 ? [text(' '), ...clause] : clause));
}

function keyword(word: string, body: Chunk[]): Chunk[] {
  return body.length > 0 ? [text(`${word} `), ...body] : [];
}

function whereClause(where: unknown): Chunk[] {
  return where === undefined || where === null ? [] : keyword('WHERE', whereChunks(where));
}

function returningClause(returning: unknown): Chunk[] {
  if (returning === undefined || returning === null) return [];
  const columns = columnChunks(returning);
  return columns.length > 0 ? [text('RETURNING '), ...columns] : [text('RETURNING')];
}

function hasReturning(payload: Json): boolean {
  return payload.returning !== undefined && payload.returning !== null;
}

function orderByClause(orderBy: unknown): Chunk[] {
  if (orderBy === undefined || orderBy === null) return [];
  if (!Array.isArray(orderBy)) throw new BuiltInInputError('orderBy expects an array.');
  const items = orderBy.map((item: unknown): Chunk[] => {
    if (typeof item !== 'object' || item === null) throw new BuiltInInputError('orderBy item expected to be an object.');
    const { column, dir } = item as { column?: unknown; dir?: unknown };
    if (typeof column !== 'string') throw new BuiltInInputError('orderBy item expected to have property column.');
    // Only a string is read as a direction; anything else sorts ascending (recorded).
    const direction = typeof dir === 'string' ? dir.toUpperCase() : 'ASC';
    if (direction !== 'ASC' && direction !== 'DESC') {
      throw new BuiltInInputError(`orderBy dir can have either ASC or DESC found ${String(dir)}.`);
    }
    return [{ identifier: column }, text(` ${direction}`)];
  });
  return keyword('ORDER BY', commaList(items));
}

/** `LIMIT :P0`: a number, or a string holding one (bound as the number). */
function numberClause(word: 'LIMIT' | 'OFFSET', value: unknown): Chunk[] {
  if (value === undefined || value === null) return [];
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || Number.isNaN(number)) throw new BuiltInInputError(`${word.toLowerCase()} expects a number.`);
  return [text(`${word} `), valueChunk(number)];
}

const JOINS: Record<string, string> = {
  join: 'JOIN',
  innerJoin: 'INNER JOIN',
  leftJoin: 'LEFT JOIN',
  leftOuterJoin: 'LEFT OUTER JOIN',
  rightJoin: 'RIGHT JOIN',
  rightOuterJoin: 'RIGHT OUTER JOIN',
  fullOuterJoin: 'FULL OUTER JOIN',
  crossJoin: 'CROSS JOIN',
  joinNatural: 'NATURAL JOIN',
  innerJoinNatural: 'NATURAL INNER JOIN',
  leftJoinNatural: 'NATURAL LEFT JOIN',
  leftOuterJoinNatural: 'NATURAL LEFT OUTER JOIN',
  rightJoinNatural: 'NATURAL RIGHT JOIN',
  rightOuterJoinNatural: 'NATURAL RIGHT OUTER JOIN',
  fullOuterJoinNatural: 'NATURAL FULL OUTER JOIN',
};

function joinClauses(payload: Json): Chunk[][] {
  const clauses: Chunk[][] = [];
  for (const [key, word] of Object.entries(JOINS)) {
    const joins = payload[key];
    if (joins === undefined || joins === null) continue;
    if (!Array.isArray(joins)) throw new BuiltInInputError(`${key} expects an array.`);
    for (const join of joins as Json[]) {
      const clause: Chunk[] = [text(`${word} `), ...sourceChunks(join)];
      if (Array.isArray(join.using)) clause.push(text(' USING ('), ...columnChunks(join.using), text(')'));
      else if (join.on !== undefined && join.on !== null) {
        const on = keyword('ON', whereChunks(join.on));
        if (on.length > 0) clause.push(text(' '), ...on);
      }
      clauses.push(clause);
    }
  }
  return clauses;
}

function groupByClause(groupBy: unknown): Chunk[] {
  if (!Array.isArray(groupBy)) return [];
  const items = groupBy.map((item: unknown): Chunk[] => (typeof item === 'number' ? [text(String(item))] : [{ identifier: String(item) }]));
  return keyword('GROUP BY', commaList(items));
}

/** SELECT columns FROM source [joins] [WHERE] [GROUP BY] [HAVING] [ORDER BY] [LIMIT] [OFFSET]. */
export function select(...args: unknown[]): object {
  const payload = payloadOf('select', args);
  const columns = payload.columns === undefined || payload.columns === null ? '*' : payload.columns;
  return statement([
    [text('SELECT')],
    columnChunks(columns),
    [text('FROM '), ...sourceChunks(payload)],
    ...joinClauses(payload),
    whereClause(payload.where),
    groupByClause(payload.groupBy),
    payload.having === undefined || payload.having === null ? [] : keyword('HAVING', whereChunks(payload.having)),
    orderByClause(payload.orderBy),
    numberClause('LIMIT', payload.limit),
    numberClause('OFFSET', payload.offset),
  ]);
}

/** The `values` object of insert/update, with AppSync's refusals (recorded). */
function valuesOf(payload: Json, name: string): [string, unknown][] {
  const values = payload.values;
  if (values === undefined || values === null) throw new BuiltInInputError(`values are expected to be passed to ${name}`);
  if (typeof values !== 'object' || Array.isArray(values)) throw new BuiltInInputError('Expected values to an Object.');
  return Object.entries(values);
}

/** INSERT INTO table (columns) VALUES (values) [RETURNING]. */
export function insert(...args: unknown[]): object {
  const payload = payloadOf('insert', args);
  const entries = valuesOf(payload, 'insert');
  return statement(
    [
      [text('INSERT INTO '), ...tableChunks(payload)],
      [text('('), ...commaList(entries.map(([column]) => [{ identifier: column }])), text(')')],
      [text('VALUES ('), ...commaList(entries.map(([, value]) => [valueChunk(value)])), text(')')],
      returningClause(payload.returning),
    ],
    hasReturning(payload),
  );
}

/** UPDATE table SET assignments [WHERE] [RETURNING]. */
export function update(...args: unknown[]): object {
  const payload = payloadOf('update', args);
  const assignments = valuesOf(payload, 'update').map(([column, value]): Chunk[] => [{ identifier: column }, text(' = '), valueChunk(value)]);
  return statement(
    [[text('UPDATE '), ...tableChunks(payload)], [text('SET')], commaList(assignments), whereClause(payload.where), returningClause(payload.returning)],
    hasReturning(payload),
  );
}

/** DELETE FROM table [WHERE] [RETURNING]. */
export function remove(...args: unknown[]): object {
  const payload = payloadOf('remove', args);
  return statement([[text('DELETE FROM '), ...tableChunks(payload)], whereClause(payload.where), returningClause(payload.returning)], hasReturning(payload));
}

/** `MAX("col")`, `COUNT(*)`, `COUNT(DISTINCT "col")`. */
const aggregate =
  (name: string, distinct = false) =>
  (column: string): object =>
    makeStatement([text(`${name}(${distinct ? 'DISTINCT ' : ''}`), column === '*' ? text('*') : { identifier: String(column) }, text(')')], {
      aggregate: true,
    });

/** `agg.count('*')` etc. (rds-helpers.d.ts `RDSAggregatesHelper`), for `columns`. */
export const agg = {
  max: aggregate('MAX'),
  maxDistinct: aggregate('MAX', true),
  min: aggregate('MIN'),
  minDistinct: aggregate('MIN', true),
  count: aggregate('COUNT'),
  countDistinct: aggregate('COUNT', true),
  avg: aggregate('AVG'),
  avgDistinct: aggregate('AVG', true),
  sum: aggregate('SUM'),
  sumDistinct: aggregate('SUM', true),
};
