import { toDynamoDB } from '../util/dynamodb.ts';
import type { Expression } from './expression.ts';
import { isOperation, type UpdateOperation } from './operations.ts';

/**
 * Placeholders the way AppSync's `update()` names them: `#expName_<n>` for attribute names and `:expValue_<n>` for
 * values, numbered from 1 in the order the update object lists them. Recorded EvaluateCode output shows
 * `SET #expName_1 = :expValue_1, #expName_2 = :expValue_2, …` for plain values (one pair per attribute, in order).
 * Unconfirmed, decided: names and values count separately (REMOVE uses a name and no value), and one attribute name
 * used twice (nested paths, several list items) keeps its first placeholder.
 */
class UpdatePlaceholders {
  readonly names: Record<string, string> = {};
  readonly values: Expression['expressionValues'] = {};
  private readonly byName = new Map<string, string>();
  private valueCount = 0;

  /** `address.city` → `#expName_1.#expName_2`. */
  path(segments: readonly string[]): string {
    return segments.map((segment) => this.name(segment)).join('.');
  }

  value(value: unknown): string {
    this.valueCount += 1;
    const placeholder = `:expValue_${this.valueCount}`;
    this.values[placeholder] = toDynamoDB(value);
    return placeholder;
  }

  private name(attribute: string): string {
    let placeholder = this.byName.get(attribute);
    if (!placeholder) {
      placeholder = `#expName_${this.byName.size + 1}`;
      this.byName.set(attribute, placeholder);
      this.names[placeholder] = attribute;
    }
    return placeholder;
  }
}

interface Clauses {
  set: string[];
  remove: string[];
}

/**
 * One operation on one attribute. Documented/recorded: decrement(n) → `SET #a = #a - :v` with `:v` = n (so, like
 * AppSync, it fails on an item without the attribute; DynamoDB's ADD would create it), increment → `+`. Unconfirmed,
 * decided: add/replace → `SET #a = :v`; remove → `REMOVE #a`; append → `SET #a = list_append(#a, :v)`; prepend →
 * `SET #a = list_append(:v, #a)`; updateListItem(x, i) → `SET #a[i] = :v`.
 */
function addOperation(placeholders: UpdatePlaceholders, clauses: Clauses, path: readonly string[], operation: UpdateOperation): void {
  const name = placeholders.path(path);
  switch (operation._type) {
    case 'add':
    case 'replace':
      clauses.set.push(`${name} = ${placeholders.value(operation.payload)}`);
      break;
    case 'remove':
      clauses.remove.push(name);
      break;
    case 'increment':
      clauses.set.push(`${name} = ${name} + ${placeholders.value(operation.by)}`);
      break;
    case 'decrement':
      clauses.set.push(`${name} = ${name} - ${placeholders.value(operation.by)}`);
      break;
    case 'append':
      clauses.set.push(`${name} = list_append(${name}, ${placeholders.value(operation.payload)})`);
      break;
    case 'prepend':
      clauses.set.push(`${name} = list_append(${placeholders.value(operation.payload)}, ${name})`);
      break;
    case 'updateListItem':
      clauses.set.push(`${name}[${operation.index}] = ${placeholders.value(operation.payload)}`);
      break;
  }
}

/**
 * One attribute of the update object. A plain value (null included: `{ NULL: null }`, as recorded) is SET; a plain
 * nested object updates its fields one by one (the type docs: only `replace` swaps a whole sub-object; unconfirmed
 * text); an array of `updateListItem` markers updates those items.
 */
function addAttribute(placeholders: UpdatePlaceholders, clauses: Clauses, path: readonly string[], value: unknown): void {
  if (isOperation(value)) {
    addOperation(placeholders, clauses, path, value);
  } else if (Array.isArray(value) && value.length > 0 && value.every(isOperation)) {
    for (const item of value) addOperation(placeholders, clauses, path, item);
  } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [field, fieldValue] of Object.entries(value)) {
      if (fieldValue !== undefined) addAttribute(placeholders, clauses, [...path, field], fieldValue);
    }
  } else {
    clauses.set.push(`${placeholders.path(path)} = ${placeholders.value(value)}`);
  }
}

/** The `update` object of `update()` to `{ expression, expressionNames, expressionValues }` (SET clause, then REMOVE). */
export function buildUpdate(update: Record<string, unknown>): Expression {
  const placeholders = new UpdatePlaceholders();
  const clauses: Clauses = { set: [], remove: [] };
  for (const [field, value] of Object.entries(update)) {
    if (value !== undefined) addAttribute(placeholders, clauses, [field], value);
  }
  const parts: string[] = [];
  if (clauses.set.length) parts.push(`SET ${clauses.set.join(', ')}`);
  if (clauses.remove.length) parts.push(`REMOVE ${clauses.remove.join(', ')}`);
  return { expression: parts.join(' '), expressionNames: { ...placeholders.names }, expressionValues: { ...placeholders.values } };
}
