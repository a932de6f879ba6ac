/**
 * The condition/filter builder against AppSync's recorded texts (local/fixtures/runtime/recorded-cases.ts, which the
 * EvaluateCode conformance test replays in full); these cases pin the rules the builder follows.
 */
import { describe, expect, it } from 'vitest';
import { buildFilterExpression } from './filter-expression.ts';

const expressionOf = (filter: unknown): string | undefined => buildFilterExpression(filter)?.expression;

describe('buildFilterExpression', () => {
  it.each([
    [{ a: { eq: 1 } }, '(#a = :a_eq)'],
    [{ a: { ne: 1 } }, '(#a <> :a_ne)'],
    [{ a: { le: 1 } }, '(#a <= :a_le)'],
    [{ a: { lt: 1 } }, '(#a < :a_lt)'],
    [{ a: { ge: 1 } }, '(#a >= :a_ge)'],
    [{ a: { gt: 1 } }, '(#a > :a_gt)'],
    [{ a: { in: [1, 2] } }, '(#a IN (:a_in_0, :a_in_1))'],
    [{ a: { contains: 'x' } }, '(contains(#a,:a_contains))'],
    [{ a: { notContains: 'x' } }, '(NOT contains(#a,:a_notContains))'],
    [{ a: { beginsWith: 'x' } }, '(begins_with(#a,:a_beginsWith))'],
    [{ a: { between: [1, 5] } }, '(#a BETWEEN :a_between_start AND :a_between_end)'],
    [{ a: { attributeExists: true } }, '(attribute_exists(#a))'],
    [{ a: { attributeExists: false } }, '(attribute_not_exists(#a))'],
    [{ a: { attributeType: 'string' } }, '(attribute_type(#a,:a_attributeType))'],
    [{ a: { size: { le: 3 } } }, '(size(#a) <= :a_size_le)'],
  ])('%j → %s', (filter, expression) => {
    expect(expressionOf(filter)).toBe(expression);
  });

  it('joins top-level members unwrapped, wraps several operators of one field and groups of several members', () => {
    expect(expressionOf({ a: { eq: 1 }, b: { eq: 2 } })).toBe('(#a = :a_eq) AND (#b = :b_eq)');
    expect(expressionOf({ a: { gt: 1, lt: 5 } })).toBe('((#a > :a_gt) AND (#a < :a_lt))');
    expect(expressionOf({ or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] })).toBe('((#a = :or_0_a_eq) OR (#b = :or_1_b_eq))');
    expect(expressionOf({ and: [{ a: { eq: 1 } }] })).toBe('(#a = :and_0_a_eq)');
    expect(expressionOf({ not: { a: { eq: 1 } } })).toBe('(NOT (#a = :not_a_eq))');
  });

  it('names every value after its nesting, so repeated fields never collide', () => {
    expect(buildFilterExpression({ or: [{ a: { eq: 1 } }, { a: { eq: 2 } }] })).toEqual({
      expression: '((#a = :or_0_a_eq) OR (#a = :or_1_a_eq))',
      expressionNames: { '#a': 'a' },
      expressionValues: { ':or_0_a_eq': { N: 1 }, ':or_1_a_eq': { N: 2 } },
    });
  });

  it('sends attributeType as the DynamoDB type code and an empty in list as (null)', () => {
    expect(buildFilterExpression({ a: { attributeType: 'stringSet' } })?.expressionValues).toEqual({ ':a_attributeType': { S: 'SS' } });
    expect(buildFilterExpression({ a: { in: [] } })).toEqual({ expression: '(null)', expressionNames: { '#a': 'a' }, expressionValues: {} });
  });

  it('keeps an empty member in the join, as AppSync does', () => {
    expect(expressionOf({ a: { eq: 1 }, b: {} })).toBe('(#a = :a_eq) AND ');
    expect(expressionOf({})).toBe('');
  });

  it('skips members whose value is undefined (decided: AppSync sees handler objects as JSON)', () => {
    expect(expressionOf({ a: { eq: 1 }, b: undefined })).toBe('(#a = :a_eq)');
  });

  it.each([[null], [[]], ['x'], [{ a: 'x' }], [{ a: { like: 'x' } }], [{ a: { b: { eq: 1 } } }], [{ and: { a: { eq: 1 } } }], [{ a: { between: [1] } }], [{ a: { attributeExists: 'yes' } }], [{ a: { attributeType: 'S' } }]])(
    'answers null for %j, which AppSync cannot render',
    (filter) => {
      expect(buildFilterExpression(filter)).toBeNull();
    },
  );
});
