import { toDynamoDB, type AttributeValue } from '../util/dynamodb.ts';

/** A DynamoDB expression with its placeholders, as AppSync's request objects carry it. */
export interface Expression {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, AttributeValue>;
}

/** Collects placeholders; value names get a numeric suffix if the same one is needed twice. */
export class ExpressionBuilder {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};

  /** `a.b[1]` → `#a.#b[1]`. */
  path(attributePath: string): string {
    return attributePath
      .split('.')
      .map((segment) => {
        const match = /^([^[]+)((?:\[\d+\])*)$/.exec(segment);
        const name = match?.[1] ?? segment;
        const placeholder = `#${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
        this.names[placeholder] = name;
        return placeholder + (match?.[2] ?? '');
      })
      .join('.');
  }

  /** Registers a value under `:<hint>` and returns the placeholder. */
  value(hint: string, value: unknown): string {
    const base = `:${hint.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let placeholder = base;
    for (let i = 1; placeholder in this.values; i += 1) placeholder = `${base}_${i}`;
    this.values[placeholder] = toDynamoDB(value);
    return placeholder;
  }

  build(expression: string): Expression {
    return { expression, expressionNames: { ...this.names }, expressionValues: { ...this.values } };
  }
}

/** attributeType operand names (transform-utils.d.ts) → DynamoDB type codes. */
const ATTRIBUTE_TYPES: Record<string, string> = {
  _null: 'NULL',
  string: 'S',
  stringSet: 'SS',
  number: 'N',
  numberSet: 'NS',
  binary: 'B',
  binarySet: 'BS',
  boolean: 'BOOL',
  list: 'L',
  map: 'M',
};

const COMPARATORS: Record<string, string> = { eq: '=', ne: '<>', le: '<=', lt: '<', ge: '>=', gt: '>' };
const OPERATORS = new Set([
  ...Object.keys(COMPARATORS),
  'in',
  'contains',
  'notContains',
  'beginsWith',
  'between',
  'attributeExists',
  'attributeType',
  'size',
]);

/** Several terms: each in parentheses, joined (the documented single-term output has none). */
function join(terms: string[], operator: 'AND' | 'OR'): string {
  if (terms.length === 1) return terms[0] as string;
  return terms.map((term) => `(${term})`).join(` ${operator} `);
}

/** One operator applied to an operand (`#f` or `size(#f)`); `hint` names the value placeholder. */
function operatorTerm(builder: ExpressionBuilder, operand: string, hint: string, operator: string, value: unknown): string {
  const comparator = COMPARATORS[operator];
  if (comparator) return `${operand} ${comparator} ${builder.value(`${hint}_${operator}`, value)}`;
  switch (operator) {
    case 'in': {
      const list = Array.isArray(value) ? value : [value];
      const placeholders = list.map((item, index) => builder.value(`${hint}_in_${index}`, item));
      return `${operand} IN (${placeholders.join(', ')})`;
    }
    case 'contains':
      return `contains(${operand}, ${builder.value(`${hint}_contains`, value)})`;
    case 'notContains':
      return `NOT contains(${operand}, ${builder.value(`${hint}_notContains`, value)})`;
    case 'beginsWith':
      return `begins_with(${operand}, ${builder.value(`${hint}_beginsWith`, value)})`;
    case 'between': {
      const [low, high] = Array.isArray(value) ? value : [];
      return `${operand} BETWEEN ${builder.value(`${hint}_between_0`, low)} AND ${builder.value(`${hint}_between_1`, high)}`;
    }
    case 'attributeExists':
      return value === false ? `attribute_not_exists(${operand})` : `attribute_exists(${operand})`;
    case 'attributeType':
      return `attribute_type(${operand}, ${builder.value(`${hint}_attributeType`, ATTRIBUTE_TYPES[String(value)] ?? value)})`;
    default:
      throw new Error(`Unsupported condition operator "${operator}"`);
  }
}

/** `{ eq: 1, size: { gt: 2 } }` for one attribute path. */
function attributeTerms(builder: ExpressionBuilder, path: string, operators: Record<string, unknown>): string[] {
  const terms: string[] = [];
  const operand = builder.path(path);
  const hint = path.replace(/[.[\]]+/g, '_');
  for (const [operator, value] of Object.entries(operators)) {
    if (value === undefined || value === null) continue;
    if (operator === 'size') {
      for (const [sizeOperator, sizeValue] of Object.entries(value as Record<string, unknown>)) {
        terms.push(operatorTerm(builder, `size(${operand})`, `${hint}_size`, sizeOperator, sizeValue));
      }
    } else if (OPERATORS.has(operator)) {
      terms.push(operatorTerm(builder, operand, hint, operator, value));
    } else {
      // A nested attribute of a map: `{ address: { city: { eq: 'x' } } }` → `#address.#city = …` (unconfirmed form).
      terms.push(...attributeTerms(builder, `${path}.${operator}`, value as Record<string, unknown>));
    }
  }
  return terms;
}

/**
 * Builds the expression text of a filter/condition object (`{ field: { op: value } }`, `and`, `or`, `not`).
 * Documented output: `{ title: { contains: 'Hello World' } }` → `contains(#title, :title_contains)`
 * (transformation-helpers-in-utils-transform-js). How several terms are parenthesized and joined is unconfirmed:
 * here each term is wrapped in parentheses and joined with AND (fields, and `and`) or OR.
 */
export function conditionText(builder: ExpressionBuilder, condition: Record<string, unknown>): string {
  const terms: string[] = [];
  for (const [key, value] of Object.entries(condition)) {
    if (value === undefined || value === null) continue;
    if (key === 'and' || key === 'or') {
      const parts = (Array.isArray(value) ? value : [value]).map((part) =>
        conditionText(builder, part as Record<string, unknown>),
      );
      terms.push(join(parts, key === 'and' ? 'AND' : 'OR'));
    } else if (key === 'not') {
      terms.push(`NOT (${conditionText(builder, value as Record<string, unknown>)})`);
    } else {
      terms.push(...attributeTerms(builder, key, value as Record<string, unknown>));
    }
  }
  return join(terms, 'AND');
}

/** A filter/condition object to `{ expression, expressionNames, expressionValues }`. */
export function buildCondition(condition: Record<string, unknown>): Expression {
  const builder = new ExpressionBuilder();
  return builder.build(conditionText(builder, condition));
}
