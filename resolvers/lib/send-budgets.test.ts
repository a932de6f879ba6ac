import { describe, expect, it } from 'vitest';
import { domainBudgetPk, globalBudgetPk, POLICY_DEFAULTS } from '../../infra/model/index.ts';
import { budgetWindowEnd, countInBudgets, readSendBudgets, shardOf, splitBudget } from './send-budgets.ts';

describe('readSendBudgets', () => {
  it('defaults, reads, and falls back on malformed values', () => {
    expect(readSendBudgets({})).toEqual({
      globalPerMinute: POLICY_DEFAULTS.globalSendsPerMinute,
      domainPerMinute: POLICY_DEFAULTS.domainSendsPerMinute,
    });
    expect(readSendBudgets({ OTP_GLOBAL_SENDS_PER_MINUTE: '7', OTP_DOMAIN_SENDS_PER_MINUTE: 'x' })).toEqual({
      globalPerMinute: 7,
      domainPerMinute: POLICY_DEFAULTS.domainSendsPerMinute,
    });
  });
});

describe('splitBudget', () => {
  it.each([
    [1, { shards: 1, perShard: 1 }],
    [3, { shards: 1, perShard: 3 }],
    [49, { shards: 1, perShard: 49 }],
    [100, { shards: 4, perShard: 25 }],
    [300, { shards: 12, perShard: 25 }],
    [1_000_000, { shards: 16, perShard: 62_500 }],
  ])('splits %d into %j', (budget, split) => {
    expect(splitBudget(budget)).toEqual(split);
  });

  it('never lets the shards together count more than the budget plus one per shard (rounding)', () => {
    for (const budget of [1, 24, 25, 26, 99, 101, 299, 301, 777, 5000]) {
      const { shards, perShard } = splitBudget(budget);
      expect(shards * perShard).toBeGreaterThanOrEqual(budget);
      expect(shards * perShard).toBeLessThan(budget + shards);
    }
  });
});

describe('shardOf', () => {
  it('spreads random ids over every shard about evenly', () => {
    const counts = new Array(12).fill(0) as number[];
    for (let i = 0; i < 256; i += 1) counts[shardOf(`${i.toString(16).padStart(2, '0')}aaaaaa-0000`, 12)]! += 1;
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(21);
    expect(Math.max(...counts)).toBeLessThanOrEqual(22);
  });

  it('is 0 with one shard', () => {
    expect(shardOf('ff', 1)).toBe(0);
  });
});

describe('countInBudgets', () => {
  it('counts one send in this minute of the global and the domain budget, each refusing at its share', () => {
    const [global, domain] = countInBudgets('t', { sessionId: '05ab', domain: 'example.com', nowSeconds: 130 }, {
      globalPerMinute: 300,
      domainPerMinute: 3,
    });
    expect(global).toMatchObject({
      operation: 'UpdateItem',
      key: { pk: { S: globalBudgetPk(120, 5) } },
      update: { expression: 'ADD #count :one SET expiresAt = :windowEnd', expressionValues: { ':windowEnd': { N: 180 } } },
      condition: { expression: 'attribute_not_exists(pk) OR #count < :max', expressionValues: { ':max': { N: 25 } } },
    });
    expect(domain).toMatchObject({
      key: { pk: { S: domainBudgetPk('example.com', 120, 0) } },
      condition: { expressionValues: { ':max': { N: 3 } } },
    });
    expect(globalBudgetPk(120, 5)).toBe('BUDGET#GLOBAL#120#5');
    expect(domainBudgetPk('example.com', 120, 0)).toBe('BUDGET#DOMAIN#example.com#120#0');
    expect(budgetWindowEnd(179)).toBe(180);
  });
});
