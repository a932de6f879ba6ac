import { describe, expect, it } from 'vitest';
import { conditionFailure } from './transact.ts';

const item = { pk: 'SESSION#a', attempts: 2 };

describe('conditionFailure', () => {
  it('returns the item that failed the condition', () => {
    const result = { keys: null, cancellationReasons: [{ type: 'ConditionalCheckFailed', message: 'failed', item }] };
    expect(conditionFailure(result, 0)).toEqual({ item });
  });

  it('returns a null item when the item did not exist', () => {
    expect(conditionFailure({ cancellationReasons: [{ type: 'ConditionalCheckFailed' }] }, 0)).toEqual({ item: null });
  });

  it('reads the reason at the given index', () => {
    const result = { cancellationReasons: [{ type: 'None' }, { type: 'ConditionalCheckFailed', item }] };
    expect(conditionFailure(result, 0)).toBeUndefined();
    expect(conditionFailure(result, 1)).toEqual({ item });
  });

  it.each([
    ['a successful transaction', { keys: [{ pk: 'SESSION#a' }], cancellationReasons: null }],
    ['a transaction conflict', { cancellationReasons: [{ type: 'TransactionConflict', message: 'conflict' }] }],
    ['no result', null],
    ['an empty result', {}],
  ])('returns undefined for %s', (_label, result) => {
    expect(conditionFailure(result, 0)).toBeUndefined();
  });
});
