import { describe, expect, it } from 'vitest';
import { matchesSubscriptionFilter, parseSubscriptionFilter, type FieldFilter, type SubscriptionFilter } from './subscription-filter.ts';

const event = { severity: 7, name: 'disk-full', tags: ['ops', 'disk'], owner: { team: 'infra' }, missingValue: null };

function one(fieldName: string, operator: FieldFilter['operator'], value: unknown): SubscriptionFilter {
  return { filterGroup: [{ filters: [{ fieldName, operator, value }] }] };
}

describe('matchesSubscriptionFilter', () => {
  it.each([
    ['severity', 'eq', 7, true],
    ['severity', 'eq', 8, false],
    ['severity', 'ne', 8, true],
    ['severity', 'le', 7, true],
    ['severity', 'lt', 7, false],
    ['severity', 'ge', 7, true],
    ['severity', 'gt', 6, true],
    ['severity', 'gt', '6', false],
    ['name', 'contains', 'full', true],
    ['tags', 'contains', 'ops', true],
    ['tags', 'notContains', 'ops', false],
    ['name', 'notContains', 'cpu', true],
    ['name', 'beginsWith', 'disk', true],
    ['name', 'beginsWith', 'full', false],
    ['severity', 'in', [1, 7], true],
    ['severity', 'notIn', [1, 7], false],
    ['severity', 'between', [5, 7], true],
    ['severity', 'between', [8, 9], false],
    ['tags', 'containsAny', ['x', 'disk'], true],
    ['tags', 'containsAny', ['x'], false],
    ['owner.team', 'eq', 'infra', true],
    ['absent', 'eq', 1, false],
    ['absent', 'ne', 1, true],
  ] as const)('%s %s %j → %s', (fieldName, operator, value, expected) => {
    expect(matchesSubscriptionFilter(one(fieldName, operator, value), event)).toBe(expected);
  });

  it('ANDs the filters of a group and ORs the groups', () => {
    const and = { filterGroup: [{ filters: [{ fieldName: 'severity', operator: 'ge', value: 5 } as const, { fieldName: 'name', operator: 'eq', value: 'x' } as const] }] };
    expect(matchesSubscriptionFilter(and, event)).toBe(false);
    const or: SubscriptionFilter = { filterGroup: [...and.filterGroup, { filters: [{ fieldName: 'name', operator: 'eq', value: 'disk-full' }] }] };
    expect(matchesSubscriptionFilter(or, event)).toBe(true);
  });
});

describe('parseSubscriptionFilter', () => {
  it('accepts what util.transform.toSubscriptionFilter produces', () => {
    const filter = { filterGroup: [{ filters: [{ fieldName: 'severity', operator: 'in', value: [1] }] }] };
    expect(parseSubscriptionFilter(filter)).toEqual(filter);
  });

  it.each([
    [null, 'filterGroup'],
    [{ filterGroup: [{}] }, 'filters list'],
    [{ filterGroup: [{ filters: [{ fieldName: 'a', operator: 'like', value: 1 }] }] }, 'Unsupported filter operator "like"'],
    [{ filterGroup: [{ filters: [{ fieldName: 'a', operator: 'in', value: 1 }] }] }, 'needs a list'],
    [{ filterGroup: [{ filters: [{ fieldName: 'a', operator: 'between', value: [1] }] }] }, 'two values'],
  ])('refuses %j', (value, reason) => {
    expect(parseSubscriptionFilter(value)).toContain(reason);
  });
});
