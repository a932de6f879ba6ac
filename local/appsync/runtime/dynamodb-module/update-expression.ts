import { ExpressionBuilder, type Expression } from './expression.ts';
import { isOperation, type UpdateOperation } from './operations.ts';

interface Clauses {
  set: string[];
  remove: string[];
  add: string[];
}

/**
 * One attribute's update. The exact text AppSync generates is unconfirmed; this emits valid DynamoDB that does what
 * each operation documents: plain value / add / replace → `SET #a = :a`; remove → `REMOVE #a`; increment/decrement →
 * `ADD #a :a` (a signed number, so a missing attribute starts from 0); append/prepend → `SET #a = list_append(...)`;
 * updateListItem → `SET #a[i] = :a_i`; a plain nested object updates its fields one by one (`SET #a.#b = :a_b`).
 */
function addAttribute(builder: ExpressionBuilder, clauses: Clauses, path: string, value: unknown): void {
  const hint = path.replace(/\./g, '_');
  if (isOperation(value)) {
    addOperation(builder, clauses, path, hint, value);
  } else if (Array.isArray(value) && value.length > 0 && value.every(isOperation)) {
    for (const item of value) addOperation(builder, clauses, path, hint, item);
  } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [field, fieldValue] of Object.entries(value)) {
      if (fieldValue !== undefined) addAttribute(builder, clauses, `${path}.${field}`, fieldValue);
    }
  } else {
    clauses.set.push(`${builder.path(path)} = ${builder.value(hint, value)}`);
  }
}

function addOperation(
  builder: ExpressionBuilder,
  clauses: Clauses,
  path: string,
  hint: string,
  operation: UpdateOperation,
): void {
  const name = builder.path(path);
  switch (operation._type) {
    case 'add':
    case 'replace':
      clauses.set.push(`${name} = ${builder.value(hint, operation.payload)}`);
      break;
    case 'remove':
      clauses.remove.push(name);
      break;
    case 'increment':
      clauses.add.push(`${name} ${builder.value(hint, operation.by)}`);
      break;
    case 'decrement':
      clauses.add.push(`${name} ${builder.value(hint, -operation.by)}`);
      break;
    case 'append':
      clauses.set.push(`${name} = list_append(${name}, ${builder.value(hint, operation.payload)})`);
      break;
    case 'prepend':
      clauses.set.push(`${name} = list_append(${builder.value(hint, operation.payload)}, ${name})`);
      break;
    case 'updateListItem':
      clauses.set.push(`${name}[${operation.index}] = ${builder.value(`${hint}_${operation.index}`, operation.payload)}`);
      break;
  }
}

/** The `update` object of `update()` to `{ expression, expressionNames, expressionValues }`. */
export function buildUpdate(update: Record<string, unknown>): Expression {
  const builder = new ExpressionBuilder();
  const clauses: Clauses = { set: [], remove: [], add: [] };
  for (const [field, value] of Object.entries(update)) {
    if (value !== undefined) addAttribute(builder, clauses, field, value);
  }
  const parts: string[] = [];
  if (clauses.set.length) parts.push(`SET ${clauses.set.join(', ')}`);
  if (clauses.remove.length) parts.push(`REMOVE ${clauses.remove.join(', ')}`);
  if (clauses.add.length) parts.push(`ADD ${clauses.add.join(', ')}`);
  return builder.build(parts.join(' '));
}
