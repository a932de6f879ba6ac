/**
 * `util.transform.toSubscriptionFilter(filter, ignoredFields?, rules?)` as recorded from AppSync's EvaluateCode
 * (local/fixtures/runtime/recorded-cases.ts): the filter multiplied out into groups AppSync ORs, each an AND of
 * `{ fieldName, operator, value }`:
 * - every operator of a field is an alternative (`{ a: { eq: 1, ne: 2 } }` → two groups), so is every member of an
 *   `or`; an `and`'s members and the other fields add to every group, in the order written;
 * - each `rules` entry is one more alternative multiplied onto every group (at least one rule must hold);
 * - operators and values are carried through unchecked, field paths kept as written, and `not` is a field name here;
 * - `ignoredFields` are dropped wherever they appear; groups left empty are dropped (`{}` → `{ filterGroup: [] }`);
 * - a filter that is not an object (null, a list, a JSON string) gives null.
 */

/** One filter of a group (subscription-filter-types.d.ts). */
export interface SubscriptionFilterEntry {
  fieldName: string;
  operator: string;
  value: unknown;
}

/** What `extensions.setSubscriptionFilter` takes. */
export interface SubscriptionFilter {
  filterGroup: { filters: SubscriptionFilterEntry[] }[];
}

type Group = SubscriptionFilterEntry[];

/** Unwinds the expansion when the filter cannot be read; the entry point answers null. */
class UnreadableFilter extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every group combined with every alternative. */
function cross(groups: Group[], alternatives: Group[]): Group[] {
  return groups.flatMap((group) => alternatives.map((alternative) => [...group, ...alternative]));
}

function fieldAlternatives(fieldName: string, operators: unknown): Group[] {
  if (!isObject(operators)) throw new UnreadableFilter();
  return Object.entries(operators).map(([operator, value]) => [{ fieldName, operator, value }]);
}

function expand(filter: unknown, ignoredFields: readonly string[]): Group[] {
  if (!isObject(filter)) throw new UnreadableFilter();
  let groups: Group[] = [[]];
  for (const [key, value] of Object.entries(filter)) {
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(value)) throw new UnreadableFilter();
      if (key === 'and') {
        for (const member of value) groups = cross(groups, expand(member, ignoredFields));
      } else {
        groups = cross(groups, value.flatMap((member) => expand(member, ignoredFields)));
      }
    } else if (!ignoredFields.includes(key)) {
      groups = cross(groups, fieldAlternatives(key, value));
    }
  }
  return groups;
}

/** See the module comment. */
export function toSubscriptionFilter(filter: unknown, ignoredFields?: unknown, rules?: unknown): SubscriptionFilter | null {
  const ignored = Array.isArray(ignoredFields) ? ignoredFields.map(String) : [];
  try {
    let groups = expand(filter, ignored);
    if (isObject(rules)) {
      const alternatives = Object.entries(rules).flatMap(([field, operators]) => fieldAlternatives(field, operators));
      if (alternatives.length > 0) groups = cross(groups, alternatives);
    }
    return { filterGroup: groups.filter((filters) => filters.length > 0).map((filters) => ({ filters })) };
  } catch (error) {
    if (error instanceof UnreadableFilter) return null;
    throw error;
  }
}
