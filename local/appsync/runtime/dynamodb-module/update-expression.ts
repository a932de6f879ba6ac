import { toDynamoDB } from '../util/dynamodb.ts';
import type { Expression } from './filter-expression.ts';
import { isOperation, type UpdateOperation } from './operations.ts';

/**
 * The update expression of `update()` / `transactWrite` updateItem, as AppSync writes it (recorded EvaluateCode
 * output, local/fixtures/runtime/recorded-cases.ts): one `SET` list, placeholders `#expName_<n>` / `:expValue_<n>`
 * from 1; a plain value or `add`/`replace` → `#expName_1 = :expValue_1` (null as `{ NULL: null }`);
 * `increment(n)` → `#expName_1 = #expName_1 + :expValue_1`, `decrement` with `-` (so, as on AWS, they fail on an item
 * without the attribute, where DynamoDB's ADD would create it); `append` → `list_append(#expName_1, :expValue_1)`,
 * `prepend` → `list_append(:expValue_1, #expName_1)`.
 *
 * Unconfirmed, decided: `remove()` → a `REMOVE` list after the SET list; names are numbered in the order the clauses
 * come out (SET before REMOVE) and an attribute keeps one name however often it appears; values are numbered on
 * their own; `increment()`/`decrement()` without a step use 1; `[updateListItem(v, 1), …]` → `#expName_1[1] =
 * :expValue_1, …`; a plain nested object updates its fields (`#expName_1.#expName_2 = :expValue_1`), as the type
 * definitions describe (only `replace` swaps a whole sub-object); undefined members are skipped.
 */

/** One `SET` entry or `REMOVE` entry: the attribute path and how to write it once names are numbered. */
interface Clause {
  path: readonly string[];
  render?: (name: string, value: (payload: unknown) => string) => string;
}

function operationClause(path: readonly string[], operation: UpdateOperation): Clause {
  switch (operation.type) {
    case 'OPERATION_ADD':
    case 'OPERATION_REPLACE':
      return { path, render: (name, value) => `${name} = ${value(operation.value)}` };
    case 'OPERATION_REMOVE':
      return { path };
    case 'OPERATION_INCREMENT':
      return { path, render: (name, value) => `${name} = ${name} + ${value(operation.by ?? 1)}` };
    case 'OPERATION_DECREMENT':
      return { path, render: (name, value) => `${name} = ${name} - ${value(operation.by ?? 1)}` };
    case 'OPERATION_APPEND':
      return { path, render: (name, value) => `${name} = list_append(${name}, ${value(operation.items)})` };
    case 'OPERATION_PREPEND':
      return { path, render: (name, value) => `${name} = list_append(${value(operation.items)}, ${name})` };
    case 'OPERATION_UPDATE_LIST_ITEM':
      return { path, render: (name, value) => `${name}[${operation.index}] = ${value(operation.value)}` };
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The clauses of one member of the update object. */
function memberClauses(path: readonly string[], value: unknown): Clause[] {
  if (isOperation(value)) return [operationClause(path, value)];
  if (Array.isArray(value) && value.length > 0 && value.every(isOperation)) {
    return value.map((operation) => operationClause(path, operation));
  }
  if (isPlainObject(value)) {
    return Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .flatMap(([field, member]) => memberClauses([...path, field], member));
  }
  return [{ path, render: (name, placeholder) => `${name} = ${placeholder(value)}` }];
}

/** The `update` object of `update()` as `{ expression, expressionNames, expressionValues }`. */
export function buildUpdate(update: Record<string, unknown>): Expression {
  const clauses = Object.entries(update ?? {})
    .filter(([, value]) => value !== undefined)
    .flatMap(([field, value]) => memberClauses([field], value));
  const names = new Map<string, string>();
  const nameOf = (segment: string): string => {
    let name = names.get(segment);
    if (name === undefined) {
      name = `#expName_${names.size + 1}`;
      names.set(segment, name);
    }
    return name;
  };
  const pathName = (path: readonly string[]): string => path.map(nameOf).join('.');
  const expressionValues: Expression['expressionValues'] = {};
  const valueOf = (payload: unknown): string => {
    const placeholder = `:expValue_${Object.keys(expressionValues).length + 1}`;
    expressionValues[placeholder] = toDynamoDB(payload);
    return placeholder;
  };

  const sets: string[] = [];
  const removes: string[] = [];
  for (const clause of clauses) {
    if (clause.render) sets.push(clause.render(pathName(clause.path), valueOf));
  }
  for (const clause of clauses) {
    if (!clause.render) removes.push(pathName(clause.path));
  }
  const parts: string[] = [];
  if (sets.length > 0) parts.push(`SET ${sets.join(', ')}`);
  if (removes.length > 0) parts.push(`REMOVE ${removes.join(', ')}`);
  const expressionNames: Record<string, string> = {};
  for (const [segment, name] of names) expressionNames[name] = segment;
  return { expression: parts.join(' '), expressionNames, expressionValues };
}
