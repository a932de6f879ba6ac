/** The slash-joined field path leading to an AST node (AppSync's `@ 'a/b'` suffix in validation errors). */
import { visit, type ASTNode, type DocumentNode } from 'graphql';

/** Field names from the operation (or fragment) root down to `target`, or null when `target` is not in a field. */
export function fieldPathOf(document: DocumentNode, target: ASTNode | undefined): string | null {
  if (!target) return null;
  const stack: string[] = [];
  let found: string | null = null;
  visit(document, {
    enter(node) {
      if (node.kind === 'Field') stack.push(node.name.value);
      if (node === target && stack.length > 0) found = stack.join('/');
    },
    leave(node) {
      if (node.kind === 'Field') stack.pop();
    },
  });
  return found;
}
