/**
 * update()'s expression and the operation markers: AppSync's recorded forms (local/fixtures/runtime/
 * recorded-cases.ts) and the decisions listed in ../README.md where no recording exists.
 */
import { describe, expect, it } from 'vitest';
import { operations } from './operations.ts';
import { buildUpdate } from './update-expression.ts';

describe('operations', () => {
  it("return AppSync's runtime markers (recorded), not the type definitions' { _type } shapes", () => {
    expect(operations.increment(10)).toEqual({ type: 'OPERATION_INCREMENT', by: 10 });
    expect(operations.decrement(3)).toEqual({ type: 'OPERATION_DECREMENT', by: 3 });
    expect(operations.add({ a: 1 })).toEqual({ type: 'OPERATION_ADD', value: { a: 1 } });
    expect(operations.replace('x')).toEqual({ type: 'OPERATION_REPLACE', value: 'x' });
    expect(operations.append([1])).toEqual({ type: 'OPERATION_APPEND', items: [1] });
    expect(operations.prepend([2])).toEqual({ type: 'OPERATION_PREPEND', items: [2] });
  });

  it('remove and updateListItem (decided)', () => {
    expect(operations.remove()).toEqual({ type: 'OPERATION_REMOVE' });
    expect(operations.updateListItem('102', 1)).toEqual({ type: 'OPERATION_UPDATE_LIST_ITEM', value: '102', index: 1 });
  });
});

describe('buildUpdate', () => {
  it("increment(10) → SET #expName_1 = #expName_1 + :expValue_1 (the issue's example; no ADD)", () => {
    expect(buildUpdate({ age: operations.increment(10) })).toEqual({
      expression: 'SET #expName_1 = #expName_1 + :expValue_1',
      expressionNames: { '#expName_1': 'age' },
      expressionValues: { ':expValue_1': { N: 10 } },
    });
  });

  it('every operation, in order, one SET list', () => {
    expect(
      buildUpdate({
        a: 'plain',
        b: null,
        c: operations.add(1),
        d: operations.replace({ x: 1 }),
        e: operations.decrement(2),
        f: operations.append([1]),
        g: operations.prepend([2]),
      }).expression,
    ).toBe(
      'SET #expName_1 = :expValue_1, #expName_2 = :expValue_2, #expName_3 = :expValue_3, #expName_4 = :expValue_4, ' +
        '#expName_5 = #expName_5 - :expValue_5, #expName_6 = list_append(#expName_6, :expValue_6), ' +
        '#expName_7 = list_append(:expValue_7, #expName_7)',
    );
  });

  it('increment() and decrement() without a step use 1 (decided)', () => {
    expect(buildUpdate({ n: operations.increment() }).expressionValues).toEqual({ ':expValue_1': { N: 1 } });
    expect(buildUpdate({ n: operations.decrement() }).expressionValues).toEqual({ ':expValue_1': { N: 1 } });
  });

  it('REMOVE comes after SET and names follow the order the clauses come out (decided)', () => {
    expect(buildUpdate({ b: operations.remove(), a: operations.increment(1) })).toEqual({
      expression: 'SET #expName_1 = #expName_1 + :expValue_1 REMOVE #expName_2',
      expressionNames: { '#expName_1': 'a', '#expName_2': 'b' },
      expressionValues: { ':expValue_1': { N: 1 } },
    });
  });

  it('updateListItem items of one list share its name (decided)', () => {
    expect(buildUpdate({ friends: [operations.updateListItem('x', 1), operations.updateListItem('y', 2)] })).toEqual({
      expression: 'SET #expName_1[1] = :expValue_1, #expName_1[2] = :expValue_2',
      expressionNames: { '#expName_1': 'friends' },
      expressionValues: { ':expValue_1': { S: 'x' }, ':expValue_2': { S: 'y' } },
    });
  });

  it('a plain nested object updates its fields; replace swaps the whole value (decided)', () => {
    expect(buildUpdate({ address: { city: 'Oslo', zip: undefined } })).toEqual({
      expression: 'SET #expName_1.#expName_2 = :expValue_1',
      expressionNames: { '#expName_1': 'address', '#expName_2': 'city' },
      expressionValues: { ':expValue_1': { S: 'Oslo' } },
    });
    expect(buildUpdate({ address: operations.replace({ city: 'Oslo' }) }).expressionValues).toEqual({
      ':expValue_1': { M: { city: { S: 'Oslo' } } },
    });
  });

  it('markers still work after a round trip through JSON (e.g. kept in the stash)', () => {
    const marker = JSON.parse(JSON.stringify(operations.increment(2))) as unknown;
    expect(buildUpdate({ n: marker }).expression).toBe('SET #expName_1 = #expName_1 + :expValue_1');
  });
});
