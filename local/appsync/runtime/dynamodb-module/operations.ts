/** Markers built by `operations.*` and read by `update()`: plain JSON so they survive the handler's realm. */
export type UpdateOperation =
  | { _type: 'add'; payload: unknown }
  | { _type: 'remove' }
  | { _type: 'replace'; payload: unknown }
  | { _type: 'increment'; by: number }
  | { _type: 'decrement'; by: number }
  | { _type: 'append'; payload: unknown[] }
  | { _type: 'prepend'; payload: unknown[] }
  | { _type: 'updateListItem'; payload: unknown; index: number };

/** `operations` of `@aws-appsync/utils/dynamodb` (dynamodb-helpers.d.ts: `{ _type: ... }` markers). */
export const operations = {
  add: (payload: unknown): UpdateOperation => ({ _type: 'add', payload }),
  remove: (): UpdateOperation => ({ _type: 'remove' }),
  replace: (payload: unknown): UpdateOperation => ({ _type: 'replace', payload }),
  increment: (by = 1): UpdateOperation => ({ _type: 'increment', by }),
  decrement: (by = 1): UpdateOperation => ({ _type: 'decrement', by }),
  append: (payload: unknown[]): UpdateOperation => ({ _type: 'append', payload }),
  prepend: (payload: unknown[]): UpdateOperation => ({ _type: 'prepend', payload }),
  updateListItem: (payload: unknown, index: number): UpdateOperation => ({ _type: 'updateListItem', payload, index }),
};

const TYPES = new Set(['add', 'remove', 'replace', 'increment', 'decrement', 'append', 'prepend', 'updateListItem']);

/** True for an object made by `operations.*`. */
export function isOperation(value: unknown): value is UpdateOperation {
  return typeof value === 'object' && value !== null && TYPES.has(String((value as { _type?: unknown })._type));
}
