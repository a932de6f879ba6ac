/**
 * The `projection` of get/query/scan/batchGet/transactGet: `['id', 'author.name']` →
 * `{ expression: '#expName_1, #expName_2.#expName_3', expressionNames }`. Unconfirmed, decided (no published
 * recording): every path segment gets a `#expName_<n>` placeholder, numbered like update()'s, a segment used twice
 * keeps its placeholder, and a list index stays outside it (`#expName_1[1]`).
 */
export function buildProjection(paths: readonly string[]): { expression: string; expressionNames: Record<string, string> } {
  const names = new Map<string, string>();
  const placeholder = (segment: string): string => {
    const match = /^(.*?)((?:\[\d+\])*)$/.exec(segment);
    const name = match?.[1] || segment;
    let alias = names.get(name);
    if (alias === undefined) {
      alias = `#expName_${names.size + 1}`;
      names.set(name, alias);
    }
    return alias + (match && match[1] ? match[2] : '');
  };
  const expression = paths.map((path) => String(path).split('.').map(placeholder).join('.')).join(', ');
  const expressionNames: Record<string, string> = {};
  for (const [name, alias] of names) expressionNames[alias] = name;
  return { expression, expressionNames };
}
