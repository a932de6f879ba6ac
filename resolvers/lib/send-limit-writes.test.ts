import { describe, expect, it } from 'vitest';
import { countInWindow, markSent } from './send-limit-writes.ts';

const limits = { maxCodesPerWindow: 5, windowSeconds: 900, cooldownSeconds: 30 };

describe('countInWindow', () => {
  it('adds one to the window counter while fewer than the maximum were counted, expiring at the window end', () => {
    const entry = countInWindow('t', 'a@example.com', 1000, limits);
    expect(entry).toMatchObject({
      table: 't',
      operation: 'UpdateItem',
      key: { pk: { S: 'RATE#a@example.com#900' } },
      update: {
        expression: 'ADD #count :one SET windowStart = :windowStart, expiresAt = :windowEnd',
        expressionValues: { ':one': { N: 1 }, ':windowStart': { N: 900 }, ':windowEnd': { N: 1800 } },
      },
      condition: {
        expression: 'attribute_not_exists(pk) OR #count < :max',
        expressionValues: { ':max': { N: 5 } },
        returnValuesOnConditionCheckFailure: true,
      },
    });
  });
});

describe('markSent', () => {
  it('records the send unless the previous one is younger than the cooldown', () => {
    expect(markSent('t', 'a@example.com', 1000, limits)).toMatchObject({
      key: { pk: { S: 'COOLDOWN#a@example.com' } },
      update: { expressionValues: { ':now': { N: 1000 }, ':cooldownEnd': { N: 1030 } } },
      condition: {
        expression: 'attribute_not_exists(pk) OR lastSentAt <= :latestAllowed',
        expressionValues: { ':latestAllowed': { N: 970 } },
        returnValuesOnConditionCheckFailure: false,
      },
    });
  });

  it('with the cooldown off, never refuses a send made at or after the previous one', () => {
    expect(markSent('t', 'a@example.com', 1000, { ...limits, cooldownSeconds: 0 }).condition?.expressionValues).toEqual({
      ':latestAllowed': { N: 1000 },
    });
  });
});
