/**
 * `util.transform.toElasticsearchQueryDSL(filter)`: a filter object → OpenSearch Query DSL, as a JSON string.
 *
 * Documented (transformation-helpers-in-utils-transform-js, the one example; fixtures/runtime/recorded-cases.ts):
 * `eq` → `{ term: { f: v } }`, `ne` → `{ bool: { must_not: { term: { f: v } } } }`, `range: [a, b]` →
 * `{ range: { f: { gte: a, lte: b } } }`, `wildcard` → `{ wildcard: { f: v } }`; several operators of one field, and
 * several fields, are AND-ed as `{ bool: { must: [...] } }` in the order written, one alone stands unwrapped.
 *
 * Unconfirmed, decided (the operators the type definitions list, rendered like the AWS-written Amplify simulator's
 * port of this helper; runnable cases in ../fixtures/opensearch-query-conformance.ts): `match`, `matchPhrase`,
 * `matchPhrasePrefix`, `multiMatch`, `regexp` → `{ match | match_phrase | match_phrase_prefix | multi_match | regexp:
 * { f: v } }`; `gt`/`gte`/`lt`/`lte` → `{ range: { f: { <op>: v } } }`; `exists: true` → `{ exists: { field: f } }`,
 * `false` → its `must_not`; `and: [...]` → `{ bool: { must } }`, `or: [...]` → `{ bool: { should, minimum_should_match:
 * 1 } }`, `not: {...}` → `{ bool: { must_not } }`; an operator whose value is undefined is skipped. What cannot be
 * rendered gives null, as the DynamoDB helpers do: not an object, an unknown operator, a field without operators, an
 * `and`/`or` that is not a non-empty list, a `range` that is not a pair, a non-boolean `exists`, an empty filter.
 */

type Query = Record<string, unknown>;

/** Unwinds the rendering when the filter cannot be rendered; the entry point answers null. */
class UnrenderableFilter extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Operators that become `{ <query>: { <field>: value } }`. */
const LEAF_QUERIES: Readonly<Record<string, string>> = {
  eq: 'term',
  match: 'match',
  matchPhrase: 'match_phrase',
  matchPhrasePrefix: 'match_phrase_prefix',
  multiMatch: 'multi_match',
  wildcard: 'wildcard',
  regexp: 'regexp',
};

const RANGE_OPERATORS = new Set(['gt', 'gte', 'lt', 'lte']);

const mustNot = (query: Query): Query => ({ bool: { must_not: query } });

/** One query alone, or the AND of several (AppSync's default operator). */
function allOf(queries: Query[]): Query {
  if (queries.length === 0) throw new UnrenderableFilter();
  return queries.length === 1 ? queries[0]! : { bool: { must: queries } };
}

function operatorQuery(field: string, operator: string, value: unknown): Query {
  const leaf = LEAF_QUERIES[operator];
  if (leaf) return { [leaf]: { [field]: value } };
  if (operator === 'ne') return mustNot({ term: { [field]: value } });
  if (RANGE_OPERATORS.has(operator)) return { range: { [field]: { [operator]: value } } };
  if (operator === 'range') {
    if (!Array.isArray(value) || value.length !== 2) throw new UnrenderableFilter();
    return { range: { [field]: { gte: value[0], lte: value[1] } } };
  }
  if (operator === 'exists' && typeof value === 'boolean') {
    const exists = { exists: { field } };
    return value ? exists : mustNot(exists);
  }
  throw new UnrenderableFilter();
}

function fieldQuery(field: string, operators: unknown): Query {
  if (!isObject(operators)) throw new UnrenderableFilter();
  const queries = Object.entries(operators)
    .filter(([, value]) => value !== undefined)
    .map(([operator, value]) => operatorQuery(field, operator, value));
  return allOf(queries);
}

function members(value: unknown): Query[] {
  if (!Array.isArray(value) || value.length === 0) throw new UnrenderableFilter();
  return value.map((member) => filterQuery(member));
}

function filterQuery(filter: unknown): Query {
  if (!isObject(filter)) throw new UnrenderableFilter();
  const queries: Query[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === 'and') queries.push({ bool: { must: members(value) } });
    else if (key === 'or') queries.push({ bool: { should: members(value), minimum_should_match: 1 } });
    else if (key === 'not') queries.push(mustNot(filterQuery(value)));
    else queries.push(fieldQuery(key, value));
  }
  return allOf(queries);
}

/** The Query DSL of `filter` as JSON text, or null when it cannot be rendered. */
export function toElasticsearchQueryDSL(filter: unknown): string | null {
  try {
    return JSON.stringify(filterQuery(filter));
  } catch (error) {
    if (error instanceof UnrenderableFilter) return null;
    throw error;
  }
}
