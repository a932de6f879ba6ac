/**
 * Query depth for GraphqlApi QueryDepthLimit: root fields are depth 1, each nested selection adds one
 * (configuration-limits: with a limit of 2, `{ L1 { L2 { L3 } } }` may only reach L2). Fragments are expanded.
 */
import { Kind, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/** The deepest field level of `operation`. */
export function queryDepth(operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): number {
  const depthOf = (selectionSet: SelectionSetNode | undefined, visiting: Set<string>): number => {
    let deepest = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, visiting));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet, visiting));
      } else if (!visiting.has(selection.name.value)) {
        // Fragment cycles are a validation error elsewhere; never loop on them here.
        const next = new Set(visiting).add(selection.name.value);
        deepest = Math.max(deepest, depthOf(fragments[selection.name.value]?.selectionSet, next));
      }
    }
    return deepest;
  };
  return depthOf(operation.selectionSet, new Set());
}
