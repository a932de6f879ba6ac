import { BuiltInInputError } from '../signals.ts';
import { statementOf, valueChunk, type Chunk } from './statement.ts';

/**
 * `where` condition objects as AppSync writes them (recorded, local/fixtures/runtime/recorded-cases.ts):
 * - a column: `"id" = :P0` (eq `=`, ne `!=`, lt, le, gt, ge), `"age" BETWEEN :P0 AND :P1` (a null bound is NULL),
 *   contains → `LIKE` with `%v%`, beginsWith → `LIKE` with `v%`, notContains → `NOT LIKE` with the value as given,
 *   attributeExists → `IS NOT NULL` / `IS NULL`, size → `LENGTH ("name") = :P0` (a null value is NULL); several
 *   operators of one column joined with ` AND `;
 * - the object's members joined with ` AND `, unwrapped; `and` / `or` lists: each member's text in parentheses,
 *   joined with ` AND ` / ` OR ` and not wrapped again (so `{ and: [a], or: [b, c], d }` reads
 *   `(a) AND (b) OR (c) AND d`, as AppSync writes it); members that render nothing are joined all the same;
 * - refusals with AppSync's messages: a null comparison value, a non-string for the LIKE operators, `in` and any
 *   unknown operator, malformed between/size/and/or.
 * Unconfirmed, decided: `not: [a, b]` → `NOT ((a) AND (b))`; aggregate operators (`count`, `maxDistinct`, …) of the
 * type definitions are written like size, `COUNT ("col") >= :P0`.
 */

const COMPARISONS: Record<string, string> = { eq: '=', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=' };
const AGGREGATES: Record<string, string> = {
  size: 'LENGTH',
  max: 'MAX',
  min: 'MIN',
  avg: 'AVG',
  sum: 'SUM',
  count: 'COUNT',
  maxDistinct: 'MAX DISTINCT',
  minDistinct: 'MIN DISTINCT',
  avgDistinct: 'AVG DISTINCT',
  sumDistinct: 'SUM DISTINCT',
  countDistinct: 'COUNT DISTINCT',
};

const text = (value: string): Chunk => ({ text: value });
const isEmpty = (chunks: Chunk[]): boolean => chunks.every((chunk) => 'text' in chunk && chunk.text === '');

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function has(table: Record<string, string>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(table, key);
}

/** Parts joined by ` <joiner> `, kept even when empty (AppSync leaves the joiner dangling). */
function joined(parts: Chunk[][], joiner: string): Chunk[] {
  return parts.flatMap((part, index) => (index > 0 ? [text(` ${joiner} `), ...part] : part));
}

function notNull(value: unknown, label: string): unknown {
  if (value === null || value === undefined) throw new BuiltInInputError(`Value for ${label} can't be null.`);
  return value;
}

function stringOperand(value: unknown, label: string): string {
  notNull(value, label);
  if (typeof value !== 'string') throw new BuiltInInputError(`${label} expects a string value to be passed.`);
  return value;
}

function betweenChunks(target: Chunk[], value: unknown, condition: string): Chunk[] {
  if (!Array.isArray(value)) throw new BuiltInInputError(`${condition} expects an array with length of 2.`);
  if (value.length !== 2) {
    throw new BuiltInInputError(`${condition} expects an array with 2 values but received an array with length ${value.length}.`);
  }
  return [...target, text(' BETWEEN '), valueChunk(value[0]), text(' AND '), valueChunk(value[1])];
}

/** `LENGTH ("name") = :P0`: comparisons and between only; a null value is written NULL (recorded). */
function aggregateChunks(column: string, operator: string, operators: unknown): Chunk[] {
  const label = `${column}.${operator}`;
  if (!isObject(operators)) throw new BuiltInInputError(`Expected ${label} to be an Object.`);
  const target: Chunk[] = [text(`${AGGREGATES[operator]} (`), { identifier: column }, text(')')];
  return joined(
    Object.entries(operators).map(([inner, value]): Chunk[] => {
      if (has(COMPARISONS, inner)) return [...target, text(` ${COMPARISONS[inner]} `), valueChunk(value)];
      if (inner === 'between') return betweenChunks(target, value, `${label} condition`);
      throw new BuiltInInputError(`${label} has invalid size operator.`);
    }),
    'AND',
  );
}

function operatorChunks(column: string, operator: string, value: unknown): Chunk[] {
  const label = `${column}.${operator}`;
  const target: Chunk[] = [{ identifier: column }];
  if (has(COMPARISONS, operator)) return [...target, text(` ${COMPARISONS[operator]} `), valueChunk(notNull(value, label))];
  if (has(AGGREGATES, operator)) return aggregateChunks(column, operator, value);
  switch (operator) {
    case 'contains':
      return [...target, text(' LIKE '), valueChunk(`%${stringOperand(value, label)}%`)];
    case 'notContains':
      return [...target, text(' NOT LIKE '), valueChunk(stringOperand(value, label))];
    case 'beginsWith':
      return [...target, text(' LIKE '), valueChunk(`${stringOperand(value, label)}%`)];
    case 'between':
      return betweenChunks(target, value, `${label} condition`);
    case 'attributeExists':
      notNull(value, label);
      if (typeof value !== 'boolean') throw new BuiltInInputError(`${label} expects a boolean value to be passed.`);
      return [...target, text(value ? ' IS NOT NULL' : ' IS NULL')];
    default:
      throw new BuiltInInputError(`Unsupported condition ${label}.`);
  }
}

/** `(member) <joiner> (member)`; a member that renders nothing is not parenthesized. */
function groupChunks(key: string, members: unknown, joiner: string): Chunk[] {
  if (!Array.isArray(members)) throw new BuiltInInputError(`${key} expects conditions to be an array`);
  return joined(
    members.map((member: unknown) => {
      if (!isObject(member) || statementOf(member)) throw new BuiltInInputError(`Expected ${key} to be an Object.`);
      const chunks = conditionObjectChunks(member);
      return isEmpty(chunks) ? chunks : [text('('), ...chunks, text(')')];
    }),
    joiner,
  );
}

function conditionObjectChunks(condition: Record<string, unknown>): Chunk[] {
  return joined(
    Object.entries(condition).map(([key, value]): Chunk[] => {
      if (key === 'and') return groupChunks(key, value, 'AND');
      if (key === 'or') return groupChunks(key, value, 'OR');
      if (key === 'not') {
        const inner = groupChunks(key, value, 'AND');
        return isEmpty(inner) ? inner : [text('NOT ('), ...inner, text(')')];
      }
      if (!isObject(value)) throw new BuiltInInputError('Expected condition to be an Object.');
      return joined(
        Object.entries(value).map(([operator, operand]) => operatorChunks(key, operator, operand)),
        'AND',
      );
    }),
    'AND',
  );
}

/**
 * A `where` (or `having`, join `on`): a `sql` statement as written, or a condition object. Empty when the condition
 * renders nothing, so the caller leaves the WHERE keyword out (`where: {}`, recorded).
 */
export function whereChunks(where: unknown): Chunk[] {
  const statement = statementOf(where);
  if (statement) return statement.chunks;
  if (!isObject(where)) throw new BuiltInInputError('WHERE values are expected to be SQL templates or a condition object.');
  const chunks = conditionObjectChunks(where);
  return isEmpty(chunks) ? [] : chunks;
}
