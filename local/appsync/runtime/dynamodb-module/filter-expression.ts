import { toDynamoDB, type AttributeValue } from '../util/dynamodb.ts';

/**
 * AppSync's DynamoDB filter/condition builder, as recorded from its EvaluateCode (local/fixtures/runtime/
 * recorded-cases.ts; util.transform.toDynamoDBFilterExpression and toDynamoDBConditionExpression answer the same):
 * - names `#<field>` (the field name verbatim, dots included) and values `:<nesting>_<field>_<operator>`, where the
 *   nesting lists every enclosing `and_<i>` / `or_<i>` / `not` and each `size` (`:and_0_a_eq`, `:v_size_gt`);
 * - every comparison in parentheses: `(#v = :v_eq)`, `(contains(#v,:v_contains))` (no space after the comma),
 *   `(#v BETWEEN :v_between_start AND :v_between_end)`, `(#v IN (:v_in_0, :v_in_1))`, `(attribute_exists(#v))`,
 *   `(attribute_type(#v,:v_attributeType))` with the type code (`string` → `S`), `(size(#v) > :v_size_gt)`;
 * - the top-level object's members joined with ` AND ` unwrapped; a field with several operators, and an `and`/`or`
 *   group with several members, wrapped once more; `not` → `(NOT <inner>)`;
 * - members that render nothing are joined all the same (`(#a = :a_eq) AND `), an empty `in` list is `(null)`;
 * - anything else (an unknown operator, a field given a value instead of operators, a group that is not a list, a
 *   `between` with one bound, an attributeType name that is not one of the ten) cannot be rendered: `null`.
 */

/** A DynamoDB expression with its placeholders, as AppSync's request objects carry it. */
export interface Expression {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, AttributeValue>;
}

/** Unwinds the builder when the filter cannot be rendered; {@link buildFilterExpression} answers null. */
class InvalidFilter extends Error {}

const COMPARISONS: Record<string, string> = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };
const FUNCTIONS: Record<string, string> = { contains: 'contains', notContains: 'NOT contains', beginsWith: 'begins_with' };
/** attributeType takes the friendly names of transform-utils.d.ts; AppSync sends the type code. */
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

type FilterObject = Record<string, unknown>;

function isFilterObject(value: unknown): value is FilterObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function has(table: Record<string, string>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(table, key);
}

/**
 * Entries whose value is not undefined. Unconfirmed, decided: AppSync receives handler objects as JSON-like maps, where
 * an undefined member does not exist, so `{ name: ctx.args.name }` without a name filters nothing.
 */
function definedEntries(object: FilterObject): [string, unknown][] {
  return Object.entries(object).filter(([, value]) => value !== undefined);
}

function leaf(expression: string, expressionValues: Record<string, AttributeValue> = {}): Expression {
  return { expression, expressionNames: {}, expressionValues };
}

/** Members joined by `joiner`; `wrap` parenthesizes a join of more than one member. */
function join(nodes: Expression[], joiner: 'AND' | 'OR', wrap: boolean): Expression {
  const expression = nodes.map((node) => node.expression).join(` ${joiner} `);
  return {
    expression: wrap && nodes.length > 1 ? `(${expression})` : expression,
    expressionNames: Object.assign({}, ...nodes.map((node) => node.expressionNames)) as Record<string, string>,
    expressionValues: Object.assign({}, ...nodes.map((node) => node.expressionValues)) as Record<string, AttributeValue>,
  };
}

function operatorExpression(target: string, operator: string, operand: unknown, placeholder: string): Expression {
  if (has(COMPARISONS, operator)) {
    return leaf(`(${target} ${COMPARISONS[operator]} ${placeholder})`, { [placeholder]: toDynamoDB(operand) });
  }
  if (has(FUNCTIONS, operator)) {
    return leaf(`(${FUNCTIONS[operator]}(${target},${placeholder}))`, { [placeholder]: toDynamoDB(operand) });
  }
  switch (operator) {
    case 'between': {
      if (!Array.isArray(operand) || operand.length < 2) throw new InvalidFilter();
      const [start, end] = [`${placeholder}_start`, `${placeholder}_end`];
      return leaf(`(${target} BETWEEN ${start} AND ${end})`, { [start]: toDynamoDB(operand[0]), [end]: toDynamoDB(operand[1]) });
    }
    case 'in': {
      if (!Array.isArray(operand)) throw new InvalidFilter();
      if (operand.length === 0) return leaf('(null)');
      const values: Record<string, AttributeValue> = {};
      operand.forEach((item, index) => {
        values[`${placeholder}_${index}`] = toDynamoDB(item);
      });
      return leaf(`(${target} IN (${Object.keys(values).join(', ')}))`, values);
    }
    case 'attributeExists':
      if (typeof operand !== 'boolean') throw new InvalidFilter();
      return leaf(`(${operand ? 'attribute_exists' : 'attribute_not_exists'}(${target}))`);
    case 'attributeType':
      if (typeof operand !== 'string' || !has(ATTRIBUTE_TYPES, operand)) throw new InvalidFilter();
      return leaf(`(attribute_type(${target},${placeholder}))`, { [placeholder]: toDynamoDB(ATTRIBUTE_TYPES[operand]) });
    default:
      throw new InvalidFilter();
  }
}

/** `{ eq: 1, size: { gt: 2 } }` of one field; nested `size` deepens the placeholder, never the call. */
function fieldExpression(field: string, operators: unknown, path: string[], sized: boolean): Expression {
  if (!isFilterObject(operators)) throw new InvalidFilter();
  const name = `#${field}`;
  const target = sized ? `size(${name})` : name;
  const nodes = definedEntries(operators).map(([operator, operand]) =>
    operator === 'size'
      ? fieldExpression(field, operand, [...path, operator], true)
      : operatorExpression(target, operator, operand, `:${[...path, operator].join('_')}`),
  );
  const node = join(nodes, 'AND', true);
  // A field contributes its name even when it carries no operator.
  return { ...node, expressionNames: { [name]: field, ...node.expressionNames } };
}

function objectExpression(filter: unknown, path: string[], wrap: boolean): Expression {
  if (!isFilterObject(filter)) throw new InvalidFilter();
  const nodes = definedEntries(filter).map(([key, value]) => {
    if (key === 'and' || key === 'or') {
      // The type definitions also allow a map here; AppSync takes only the list form.
      if (!Array.isArray(value)) throw new InvalidFilter();
      const members = value.map((member, index) => objectExpression(member, [...path, key, String(index)], false));
      return join(members, key === 'or' ? 'OR' : 'AND', true);
    }
    if (key === 'not') {
      const inner = objectExpression(value, [...path, 'not'], true);
      return { ...inner, expression: `(NOT ${inner.expression})` };
    }
    return fieldExpression(key, value, [...path, key], false);
  });
  return join(nodes, 'AND', wrap);
}

/**
 * A filter/condition object (transform-utils.d.ts `DynamoDBFilterObject`) as AppSync renders it, or null when
 * AppSync cannot render it (see the module comment).
 */
export function buildFilterExpression(filter: unknown): Expression | null {
  try {
    return objectExpression(filter, [], false);
  } catch (error) {
    if (error instanceof InvalidFilter) return null;
    throw error;
  }
}
