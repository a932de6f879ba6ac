/**
 * Which resources a template value points at, without evaluating it: the logical ids named by `Ref`, `Fn::GetAtt`
 * and `${…}` in `Fn::Sub`, anywhere inside. Used to follow a deploy-time function to what it calls (function-usage.ts)
 * and to tell which resource an HTTP data source's endpoint is (map-data-sources.ts).
 */

/** One reference: `Ref` (no attribute) or `Fn::GetAtt` / `${Id.Attribute}` of a resource. */
export interface ResourceReference {
  logicalId: string;
  attribute?: string;
}

/** Logical ids referenced anywhere in `value` (pseudo parameters such as `AWS::Region` excluded). */
export function referencedIds(value: unknown): Set<string> {
  return new Set(references(value).map((reference) => reference.logicalId));
}

/** Every reference in `value`, in the order written (pseudo parameters excluded). */
export function references(value: unknown, into: ResourceReference[] = []): ResourceReference[] {
  if (Array.isArray(value)) {
    for (const item of value) references(item, into);
    return into;
  }
  if (value === null || typeof value !== 'object') return into;
  for (const [key, item] of Object.entries(value)) {
    if (key === 'Ref' && typeof item === 'string') add(item, undefined, into);
    else if (key === 'Fn::GetAtt') getAttTarget(item, into);
    else if (key === 'Fn::Sub') subTargets(item, into);
    references(item, into);
  }
  return into;
}

function getAttTarget(args: unknown, into: ResourceReference[]): void {
  if (Array.isArray(args) && typeof args[0] === 'string') {
    add(args[0], typeof args[1] === 'string' ? args[1] : undefined, into);
  } else if (typeof args === 'string') {
    const [id, ...attribute] = args.split('.');
    add(id, attribute.join('.') || undefined, into);
  }
}

function subTargets(args: unknown, into: ResourceReference[]): void {
  const [text, variables] = Array.isArray(args) ? args : [args];
  if (typeof text !== 'string') return;
  const local = new Set(variables !== null && typeof variables === 'object' ? Object.keys(variables) : []);
  // `${Name}` or `${Name.Attribute}`; `${!Literal}` is an escape, and names of the Sub's own variables are no resources.
  for (const match of text.matchAll(/\$\{([^!}][^}.]*)(?:\.([^}]*))?\}/g)) {
    if (!local.has(match[1] ?? '')) add(match[1], match[2], into);
  }
}

function add(id: string | undefined, attribute: string | undefined, into: ResourceReference[]): void {
  if (id && !id.startsWith('AWS::')) into.push(attribute ? { logicalId: id, attribute } : { logicalId: id });
}
