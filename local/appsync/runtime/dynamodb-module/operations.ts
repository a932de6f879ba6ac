/**
 * `operations` of `@aws-appsync/utils/dynamodb`. The markers are the objects AppSync's runtime returns, as recorded
 * from its EvaluateCode (local/fixtures/runtime/recorded-cases.ts): `add(10)` → `{ type: 'OPERATION_ADD', value: 10 }`,
 * `replace(v)` → `{ type: 'OPERATION_REPLACE', value }`, `append`/`prepend(list)` → `{ type, items }`,
 * `increment`/`decrement(n)` → `{ type, by }` (`by` left out when not given). Unconfirmed, decided: `remove()` →
 * `{ type: 'OPERATION_REMOVE' }` and `updateListItem(v, i)` → `{ type: 'OPERATION_UPDATE_LIST_ITEM', value, index }`
 * (AppSync's recording of that marker serializes to nothing). The type definitions' `{ _type }` interfaces only
 * describe the types; they are not what the runtime returns.
 */
export type UpdateOperation =
  | { type: 'OPERATION_ADD'; value: unknown }
  | { type: 'OPERATION_REMOVE' }
  | { type: 'OPERATION_REPLACE'; value: unknown }
  | { type: 'OPERATION_INCREMENT'; by?: number }
  | { type: 'OPERATION_DECREMENT'; by?: number }
  | { type: 'OPERATION_APPEND'; items: unknown[] }
  | { type: 'OPERATION_PREPEND'; items: unknown[] }
  | { type: 'OPERATION_UPDATE_LIST_ITEM'; value: unknown; index: number };

/** The marker builders handlers call. */
export const operations = {
  add: (value: unknown): UpdateOperation => ({ type: 'OPERATION_ADD', value }),
  remove: (): UpdateOperation => ({ type: 'OPERATION_REMOVE' }),
  replace: (value: unknown): UpdateOperation => ({ type: 'OPERATION_REPLACE', value }),
  increment: (by?: number): UpdateOperation => ({ type: 'OPERATION_INCREMENT', by }),
  decrement: (by?: number): UpdateOperation => ({ type: 'OPERATION_DECREMENT', by }),
  append: (items: unknown[]): UpdateOperation => ({ type: 'OPERATION_APPEND', items }),
  prepend: (items: unknown[]): UpdateOperation => ({ type: 'OPERATION_PREPEND', items }),
  updateListItem: (value: unknown, index: number): UpdateOperation => ({ type: 'OPERATION_UPDATE_LIST_ITEM', value, index }),
};

const TYPES = new Set<string>([
  'OPERATION_ADD',
  'OPERATION_REMOVE',
  'OPERATION_REPLACE',
  'OPERATION_INCREMENT',
  'OPERATION_DECREMENT',
  'OPERATION_APPEND',
  'OPERATION_PREPEND',
  'OPERATION_UPDATE_LIST_ITEM',
]);

/** True for an object made by `operations.*` (also after a round trip through JSON, e.g. the stash). */
export function isOperation(value: unknown): value is UpdateOperation {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && TYPES.has(String((value as { type?: unknown }).type));
}
