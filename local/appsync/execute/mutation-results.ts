/**
 * The successful root fields of an executed mutation, as the real-time server publishes them: each field's
 * completed value restricted to what the mutation selected, keyed by field name (aliases undone), since AppSync
 * forwards "the mutation's response" to subscribers whatever the mutation's aliases were.
 */
import type { FragmentDefinitionNode, GraphQLError, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { fieldsOf } from './selection-set.ts';

type Fragments = Record<string, FragmentDefinitionNode>;

/** One mutation root field that resolved without error. */
export interface MutationResult {
  /** The Mutation field's name (not its alias). */
  fieldName: string;
  /** The field's value, restricted to the mutation's selection, keyed by field names. */
  result: unknown;
  /** The field's `extensions.invalidateSubscriptions` arguments, when its resolvers made any. */
  invalidations?: unknown[];
}

function byFieldName(value: unknown, selectionSet: SelectionSetNode | undefined, fragments: Fragments): unknown {
  if (!selectionSet || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => byFieldName(item, selectionSet, fragments));
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of fieldsOf(selectionSet, fragments)) {
    const key = field.alias?.value ?? field.name.value;
    if (key in source) out[field.name.value] = byFieldName(source[key], field.selectionSet, fragments);
  }
  return out;
}

/**
 * The root fields of `operation` (a mutation) that have a non-null value and no error under their path.
 * @param invalidations `extensions.invalidateSubscriptions` arguments by root response key (aliases kept).
 */
export function mutationResults(
  operation: OperationDefinitionNode,
  fragments: Fragments,
  data: Record<string, unknown>,
  errors: readonly GraphQLError[],
  invalidations?: ReadonlyMap<string, unknown[]>,
): MutationResult[] {
  const failed = new Set(errors.map((error) => error.path?.[0]).filter((key) => key !== undefined));
  const results: MutationResult[] = [];
  for (const field of fieldsOf(operation.selectionSet, fragments)) {
    const key = field.alias?.value ?? field.name.value;
    const value = data[key];
    if (failed.has(key) || value === null || value === undefined || field.name.value.startsWith('__')) continue;
    const invalidated = invalidations?.get(key);
    results.push({
      fieldName: field.name.value,
      result: byFieldName(value, field.selectionSet, fragments),
      ...(invalidated ? { invalidations: invalidated } : {}),
    });
  }
  return results;
}
