/**
 * Which resources a template value points at, without evaluating it: the logical ids named by `Ref`, `Fn::GetAtt`
 * and `${…}` in `Fn::Sub`, anywhere inside. Used to follow a deploy-time function to what it calls (function-usage.ts).
 */

/** Logical ids referenced anywhere in `value` (pseudo parameters such as `AWS::Region` excluded). */
export function referencedIds(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedIds(item, into);
    return into;
  }
  if (value === null || typeof value !== 'object') return into;
  for (const [key, item] of Object.entries(value)) {
    if (key === 'Ref' && typeof item === 'string') add(item, into);
    else if (key === 'Fn::GetAtt') add(getAttTarget(item), into);
    else if (key === 'Fn::Sub') subTargets(item, into);
    referencedIds(item, into);
  }
  return into;
}

function getAttTarget(args: unknown): string | undefined {
  if (Array.isArray(args) && typeof args[0] === 'string') return args[0];
  return typeof args === 'string' ? args.split('.')[0] : undefined;
}

function subTargets(args: unknown, into: Set<string>): void {
  const [text, variables] = Array.isArray(args) ? args : [args];
  if (typeof text !== 'string') return;
  const local = new Set(variables !== null && typeof variables === 'object' ? Object.keys(variables) : []);
  // `${Name}` or `${Name.Attribute}`; `${!Literal}` is an escape, and names of the Sub's own variables are no resources.
  for (const match of text.matchAll(/\$\{([^!}][^}.]*)(?:\.[^}]*)?\}/g)) {
    if (!local.has(match[1] ?? '')) add(match[1], into);
  }
}

function add(id: string | undefined, into: Set<string>): void {
  if (id && !id.startsWith('AWS::')) into.add(id);
}
