/**
 * Enhanced subscription filters (aws-appsync-real-time-enhanced-filtering): `{filterGroup: [{filters: [...]}]}`,
 * AND within a group, OR across groups. Pure: parse once at `start`, evaluate per event.
 *
 * Decisions where the docs are silent: `fieldName` may be a dotted path into nested objects; a missing field fails
 * every positive operator and passes the negated ones (ne, notContains, notIn), as DynamoDB conditions do;
 * comparisons (le, lt, ge, gt, between) hold only between two numbers or two strings.
 */

/** The operators AppSync documents. */
const FILTER_OPERATORS = [
  'eq',
  'ne',
  'le',
  'lt',
  'ge',
  'gt',
  'contains',
  'notContains',
  'beginsWith',
  'in',
  'notIn',
  'between',
  'containsAny',
] as const;

/** One of {@link FILTER_OPERATORS}. */
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** One condition on one field. */
export interface FieldFilter {
  fieldName: string;
  operator: FilterOperator;
  value: unknown;
}

/** A parsed filter: groups of conditions. */
export interface SubscriptionFilter {
  filterGroup: { filters: FieldFilter[] }[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isOperator(value: unknown): value is FilterOperator {
  return typeof value === 'string' && (FILTER_OPERATORS as readonly string[]).includes(value);
}

/** Checks the shape of what `extensions.setSubscriptionFilter` received; a string is the reason it is invalid. */
export function parseSubscriptionFilter(value: unknown): SubscriptionFilter | string {
  if (!isRecord(value) || !Array.isArray(value.filterGroup)) return 'Subscription filter must have a filterGroup list';
  const groups: SubscriptionFilter['filterGroup'] = [];
  for (const group of value.filterGroup) {
    if (!isRecord(group) || !Array.isArray(group.filters)) return 'Each filter group must have a filters list';
    const filters: FieldFilter[] = [];
    for (const filter of group.filters) {
      if (!isRecord(filter) || typeof filter.fieldName !== 'string') return 'Each filter must have a fieldName';
      if (!isOperator(filter.operator)) return `Unsupported filter operator ${JSON.stringify(filter.operator)}`;
      const needsList = filter.operator === 'in' || filter.operator === 'notIn' || filter.operator === 'containsAny';
      if (needsList && !Array.isArray(filter.value)) return `Operator ${filter.operator} needs a list value`;
      if (filter.operator === 'between' && !(Array.isArray(filter.value) && filter.value.length === 2)) {
        return 'Operator between needs a list of two values';
      }
      filters.push({ fieldName: filter.fieldName, operator: filter.operator, value: filter.value });
    }
    groups.push({ filters });
  }
  return { filterGroup: groups };
}

function fieldValue(data: unknown, path: string): unknown {
  let current: unknown = data;
  for (const part of path.split('.')) {
    if (!isRecord(current)) return undefined;
    current = current[part];
  }
  return current;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function compare(a: unknown, b: unknown): number | null {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return null;
}

function contains(field: unknown, value: unknown): boolean {
  if (Array.isArray(field)) return field.some((item) => sameValue(item, value));
  return typeof field === 'string' && typeof value === 'string' && field.includes(value);
}

function holds(filter: FieldFilter, data: unknown): boolean {
  const field = fieldValue(data, filter.fieldName);
  const { operator, value } = filter;
  const list = Array.isArray(value) ? value : [];
  if (field === undefined) return operator === 'ne' || operator === 'notContains' || operator === 'notIn';
  const order = compare(field, value);
  switch (operator) {
    case 'eq':
      return sameValue(field, value);
    case 'ne':
      return !sameValue(field, value);
    case 'le':
      return order !== null && order <= 0;
    case 'lt':
      return order !== null && order < 0;
    case 'ge':
      return order !== null && order >= 0;
    case 'gt':
      return order !== null && order > 0;
    case 'contains':
      return contains(field, value);
    case 'notContains':
      return !contains(field, value);
    case 'beginsWith':
      return typeof field === 'string' && typeof value === 'string' && field.startsWith(value);
    case 'in':
      return list.some((item) => sameValue(item, field));
    case 'notIn':
      return !list.some((item) => sameValue(item, field));
    case 'between': {
      const low = compare(field, list[0]);
      const high = compare(field, list[1]);
      return low !== null && high !== null && low >= 0 && high <= 0;
    }
    case 'containsAny':
      return Array.isArray(field) ? field.some((item) => list.some((wanted) => sameValue(item, wanted))) : list.some((wanted) => sameValue(field, wanted));
  }
}

/** True when `data` passes: some group whose filters all hold (an empty filterGroup passes everything). */
export function matchesSubscriptionFilter(filter: SubscriptionFilter, data: unknown): boolean {
  if (filter.filterGroup.length === 0) return true;
  return filter.filterGroup.some((group) => group.filters.every((condition) => holds(condition, data)));
}
