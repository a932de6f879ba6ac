/**
 * ctx.info.selectionSetList / selectionSetGraphQL and the selection filter for util.error's `data`
 * (resolver-context-reference-js: aliased fields appear under their alias; fragments are expanded in the list,
 * while the GraphQL text keeps them as written).
 */
import { Kind, print, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

type Fragments = Record<string, FragmentDefinitionNode>;

/** The fields of a selection set with fragments expanded. */
export function* fieldsOf(selectionSet: SelectionSetNode | undefined, fragments: Fragments): Generator<FieldNode> {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) yield selection;
    else if (selection.kind === Kind.INLINE_FRAGMENT) yield* fieldsOf(selection.selectionSet, fragments);
    else yield* fieldsOf(fragments[selection.name.value]?.selectionSet, fragments);
  }
}

/** `["id", "author", "author/name"]` for `{ id author { name } }` (introspection fields left out). */
export function selectionSetList(fieldNodes: readonly FieldNode[], fragments: Fragments): string[] {
  const list: string[] = [];
  const walk = (selectionSet: SelectionSetNode | undefined, prefix: string) => {
    for (const field of fieldsOf(selectionSet, fragments)) {
      if (field.name.value.startsWith('__')) continue;
      const name = `${prefix}${field.alias?.value ?? field.name.value}`;
      if (!list.includes(name)) list.push(name);
      walk(field.selectionSet, `${name}/`);
    }
  };
  for (const node of fieldNodes) walk(node.selectionSet, '');
  return list;
}

/** The field's selection set as GraphQL text (empty for leaf fields). */
export function selectionSetGraphQL(fieldNodes: readonly FieldNode[]): string {
  const selectionSet = fieldNodes[0]?.selectionSet;
  return selectionSet ? print(selectionSet) : '';
}

/** Keeps only the selected fields of `value` (util.error's `data` is "filtered by the selection set"). */
export function filterBySelection(value: unknown, selectionSet: SelectionSetNode | undefined, fragments: Fragments): unknown {
  if (!selectionSet || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => filterBySelection(item, selectionSet, fragments));
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of fieldsOf(selectionSet, fragments)) {
    if (!(field.name.value in source)) continue;
    out[field.alias?.value ?? field.name.value] = filterBySelection(source[field.name.value], field.selectionSet, fragments);
  }
  return out;
}
