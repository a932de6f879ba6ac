import { aggregateChunks, conditionChunks } from './condition.ts';
import { chunksOf, makeStatement, type Chunk } from './statement.ts';

/**
 * `select`, `insert`, `update`, `remove` and `agg` of `@aws-appsync/utils/rds`. Shapes from rds-helpers.d.ts and
 * https://docs.aws.amazon.com/appsync/latest/devguide/resolver-reference-rds-js.html (documented texts: `SELECT * FROM
 * "private"."persons"`, `SELECT "id", "persons"."name"`, `ORDER BY "name", "id" DESC`, `LIMIT :limit OFFSET :offset`,
 * `INSERT INTO "persons"("name") VALUES(:NAME) RETURNING *`, `UPDATE "persons" SET "name" = :NAME WHERE "id" = :ID
 * RETURNING "id", "name"`). Unconfirmed, decided: one line with single spaces, every value (limit and offset too) a
 * `:P<n>` variable, `DELETE FROM` (the page prints `DELETE "persons"`, which PostgreSQL and MySQL refuse),
 * `<source> AS "alias"` for aliases and parenthesized subqueries.
 */
type Json = Record<string, unknown>;

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

const text = (value: string): Chunk => ({ text: value });

function list(items: Chunk[][]): Chunk[] {
  return items.flatMap((item, index) => (index > 0 ? [text(', '), ...item] : item));
}

/** A name, a statement (parenthesized when it is a subquery), or an aggregate. */
function operand(value: unknown, parenthesize: boolean): Chunk[] {
  const chunks = chunksOf(value);
  if (chunks) return parenthesize ? [text('('), ...chunks, text(')')] : chunks;
  return String(value) === '*' ? [text('*')] : [{ identifier: String(value) }];
}

/** `'name'`, or `{ alias: source }` → `source AS "alias"`. */
function aliased(value: unknown, parenthesize: boolean): Chunk[] {
  if (typeof value === 'object' && value !== null && !chunksOf(value)) {
    return list(
      Object.entries(value as Json).map(([alias, source]) => [...operand(source, parenthesize), text(' AS '), { identifier: alias }]),
    );
  }
  return operand(value, parenthesize);
}

function source(payload: Json): Chunk[] {
  return aliased(payload.from ?? payload.table, true);
}

function columnList(columns: unknown): Chunk[] {
  if (columns === undefined || columns === '*' || !Array.isArray(columns) || columns.length === 0) return [text('*')];
  return list(columns.map((column) => aliased(column, false)));
}

function whereClause(where: unknown): Chunk[] {
  return where === undefined || where === null ? [] : [text(' WHERE '), ...conditionChunks(where)];
}

function returningClause(returning: unknown): Chunk[] {
  return returning === undefined ? [] : [text(' RETURNING '), ...columnList(returning)];
}

function joinClauses(payload: Json): Chunk[] {
  const chunks: Chunk[] = [];
  for (const [key, keyword] of Object.entries(JOINS)) {
    for (const join of (payload[key] as Json[] | undefined) ?? []) {
      chunks.push(text(` ${keyword} `), ...source(join));
      if (Array.isArray(join.using)) chunks.push(text(' USING ('), ...list(join.using.map((column) => aliased(column, false))), text(')'));
      if (join.on !== undefined) chunks.push(text(' ON '), ...conditionChunks(join.on));
    }
  }
  return chunks;
}

/** SELECT … FROM … [JOIN …] [WHERE …] [GROUP BY …] [HAVING …] [ORDER BY …] [LIMIT :P] [OFFSET :P]. */
export function select(payload: Json): object {
  const chunks: Chunk[] = [text('SELECT '), ...columnList(payload.columns), text(' FROM '), ...source(payload), ...joinClauses(payload)];
  chunks.push(...whereClause(payload.where));
  if (Array.isArray(payload.groupBy) && payload.groupBy.length > 0) {
    const groups = payload.groupBy.map((group): Chunk[] => (typeof group === 'number' ? [text(String(group))] : [{ identifier: String(group) }]));
    chunks.push(text(' GROUP BY '), ...list(groups));
  }
  if (payload.having !== undefined) chunks.push(text(' HAVING '), ...conditionChunks(payload.having));
  if (Array.isArray(payload.orderBy) && payload.orderBy.length > 0) {
    const orders = (payload.orderBy as { column: string; dir?: string }[]).map((order): Chunk[] =>
      order.dir ? [{ identifier: order.column }, text(` ${order.dir.toUpperCase()}`)] : [{ identifier: order.column }],
    );
    chunks.push(text(' ORDER BY '), ...list(orders));
  }
  if (payload.limit !== undefined) chunks.push(text(' LIMIT '), { value: payload.limit });
  if (payload.offset !== undefined) chunks.push(text(' OFFSET '), { value: payload.offset });
  return makeStatement(chunks);
}

/** INSERT INTO "t"("a", "b") VALUES(:P0, :P1) [RETURNING …]. */
export function insert(payload: Json): object {
  const entries = Object.entries((payload.values as Json | undefined) ?? {});
  return makeStatement([
    text('INSERT INTO '),
    ...source(payload),
    text('('),
    ...list(entries.map(([column]) => [{ identifier: column }])),
    text(') VALUES('),
    ...list(entries.map(([, value]) => [{ value }])),
    text(')'),
    ...returningClause(payload.returning),
  ]);
}

/** UPDATE "t" SET "a" = :P0 [WHERE …] [RETURNING …]. */
export function update(payload: Json): object {
  const assignments = Object.entries((payload.values as Json | undefined) ?? {}).map(([column, value]): Chunk[] => [
    { identifier: column },
    text(' = '),
    { value },
  ]);
  return makeStatement([
    text('UPDATE '),
    ...source(payload),
    text(' SET '),
    ...list(assignments),
    ...whereClause(payload.where),
    ...returningClause(payload.returning),
  ]);
}

/** DELETE FROM "t" [WHERE …] [RETURNING …]. */
export function remove(payload: Json): object {
  return makeStatement([text('DELETE FROM '), ...source(payload), ...whereClause(payload.where), ...returningClause(payload.returning)]);
}

const aggregate = (name: string) => (column: string): object => makeStatement(aggregateChunks(name, column));

/** `agg.count('*')` etc.: aggregates for `columns` and `having` (rds-helpers.d.ts `RDSAggregatesHelper`). */
export const agg = {
  max: aggregate('max'),
  maxDistinct: aggregate('maxDistinct'),
  min: aggregate('min'),
  minDistinct: aggregate('minDistinct'),
  count: aggregate('count'),
  countDistinct: aggregate('countDistinct'),
  avg: aggregate('avg'),
  avgDistinct: aggregate('avgDistinct'),
  sum: aggregate('sum'),
  sumDistinct: aggregate('sumDistinct'),
};
