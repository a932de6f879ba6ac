import { chunksOf, type Chunk } from './statement.ts';

/**
 * The condition object of `where` / `having` / join `on` (rds-helpers.d.ts `RDSConditionObject`) as SQL chunks.
 * Documented: fields are joined with AND (`WHERE "name" = :NAME and "id" > :ID`), `or: [...]` joins with OR,
 * `not: [...]` gives `NOT (a AND b)` (resolver-reference-rds-js). Unconfirmed, decided: a group nested among other
 * terms is parenthesized; contains/notContains/beginsWith send `%v%` / `v%` with LIKE; attributeExists → IS [NOT]
 * NULL; size → LENGTH(col); aggregate operators (count, sumDistinct, …) → `COUNT("col") >= :P0`.
 */
const COMPARATORS: Record<string, string> = { eq: '=', ne: '<>', le: '<=', lt: '<', ge: '>=', gt: '>' };

const AGGREGATES: Record<string, string> = {
  max: 'MAX(',
  min: 'MIN(',
  avg: 'AVG(',
  sum: 'SUM(',
  count: 'COUNT(',
  maxDistinct: 'MAX(DISTINCT ',
  minDistinct: 'MIN(DISTINCT ',
  avgDistinct: 'AVG(DISTINCT ',
  sumDistinct: 'SUM(DISTINCT ',
  countDistinct: 'COUNT(DISTINCT ',
};

/** `MAX(` + column + `)` as chunks (`*` stays unquoted). */
export function aggregateChunks(name: string, column: string): Chunk[] {
  return [{ text: AGGREGATES[name] ?? `${name.toUpperCase()}(` }, column === '*' ? { text: '*' } : { identifier: column }, { text: ')' }];
}

export function isAggregateName(name: string): boolean {
  return name in AGGREGATES;
}

function operatorTerm(operand: Chunk[], operator: string, value: unknown): Chunk[] {
  const comparator = COMPARATORS[operator];
  if (comparator) return [...operand, { text: ` ${comparator} ` }, { value }];
  switch (operator) {
    case 'contains':
      return [...operand, { text: ' LIKE ' }, { value: `%${String(value)}%` }];
    case 'notContains':
      return [...operand, { text: ' NOT LIKE ' }, { value: `%${String(value)}%` }];
    case 'beginsWith':
      return [...operand, { text: ' LIKE ' }, { value: `${String(value)}%` }];
    case 'between': {
      const [low, high] = Array.isArray(value) ? (value as unknown[]) : [];
      return [...operand, { text: ' BETWEEN ' }, { value: low }, { text: ' AND ' }, { value: high }];
    }
    case 'attributeExists':
      return [...operand, { text: value === false ? ' IS NULL' : ' IS NOT NULL' }];
    default:
      throw new TypeError(`Unsupported condition operator "${operator}"`);
  }
}

/** The terms of one column: `{ eq: 1, size: { gt: 2 }, count: { ge: 5 } }`. */
function columnTerms(column: string, operators: Record<string, unknown>): Chunk[][] {
  const terms: Chunk[][] = [];
  for (const [operator, value] of Object.entries(operators)) {
    if (value === undefined) continue;
    if (operator === 'size' || isAggregateName(operator)) {
      const operand: Chunk[] =
        operator === 'size' ? [{ text: 'LENGTH(' }, { identifier: column }, { text: ')' }] : aggregateChunks(operator, column);
      for (const [inner, innerValue] of Object.entries(value as Record<string, unknown>)) {
        if (innerValue !== undefined) terms.push(operatorTerm(operand, inner, innerValue));
      }
    } else {
      terms.push(operatorTerm([{ identifier: column }], operator, value));
    }
  }
  return terms;
}

function join(terms: Chunk[][], keyword: 'AND' | 'OR', nested: boolean): Chunk[] {
  const joined: Chunk[] = [];
  terms.forEach((term, index) => {
    if (index > 0) joined.push({ text: ` ${keyword} ` });
    joined.push(...term);
  });
  return nested && terms.length > 1 ? [{ text: '(' }, ...joined, { text: ')' }] : joined;
}

function conditionTerms(condition: Record<string, unknown>): Chunk[][] {
  const entries = Object.entries(condition).filter(([, value]) => value !== undefined && value !== null);
  const nested = entries.length > 1;
  const terms: Chunk[][] = [];
  for (const [key, value] of entries) {
    if (key === 'and' || key === 'or') {
      const parts = (value as Record<string, unknown>[]).map((part) => join(conditionTerms(part), 'AND', true));
      terms.push(join(parts, key === 'and' ? 'AND' : 'OR', nested));
    } else if (key === 'not') {
      const parts = (Array.isArray(value) ? value : [value]).map((part) => join(conditionTerms(part as Record<string, unknown>), 'AND', true));
      terms.push([{ text: 'NOT (' }, ...join(parts, 'AND', false), { text: ')' }]);
    } else {
      terms.push(...columnTerms(key, value as Record<string, unknown>));
    }
  }
  return terms;
}

/** A condition object, or a `sql` statement used as the condition, as chunks. */
export function conditionChunks(condition: unknown): Chunk[] {
  return chunksOf(condition) ?? join(conditionTerms(condition as Record<string, unknown>), 'AND', false);
}
