import { describe, expect, it } from 'vitest';
import { guardPk, POLICY_DEFAULTS, POLICY_RANGES } from '../../infra/model/index.ts';
import { countFailure, failuresNow, lockedUntil, lockMailbox, lockoutFor, notLocked, readFailureBudget } from './mailbox-guard.ts';

const limits = { budget: 20, windowSeconds: 86400, lockoutSeconds: 900, maxLockoutSeconds: 86400 };

describe('readFailureBudget', () => {
  it('defaults to 20 failures a day, then 15 minutes doubling up to a day', () => {
    expect(readFailureBudget({})).toEqual({
      budget: POLICY_DEFAULTS.failureBudget,
      windowSeconds: 86400,
      lockoutSeconds: 900,
      maxLockoutSeconds: 86400,
    });
  });

  it('never allows more than NIST 800-63B 100 failures, nor a maximum lock shorter than the first', () => {
    expect(readFailureBudget({ OTP_FAILURE_BUDGET: '1000' }).budget).toBe(POLICY_RANGES.failureBudget.max);
    expect(readFailureBudget({ OTP_LOCKOUT_SECONDS: '600', OTP_MAX_LOCKOUT_SECONDS: '60' }).maxLockoutSeconds).toBe(600);
  });
});

describe('lockoutFor', () => {
  it('does not lock below the budget, then doubles per further failure up to the maximum', () => {
    expect([19, 20, 21, 22, 26, 27, 99].map((failures) => lockoutFor(failures, limits))).toEqual([
      0, 900, 1800, 3600, 57600, 86400, 86400,
    ]);
  });

  it('stays finite and capped far past the budget', () => {
    expect(lockoutFor(10_000, limits)).toBe(86400);
  });
});

describe('guard items', () => {
  it('reads the failures of the current window only, and a lock only while it lasts', () => {
    const item = { pk: guardPk('bob@gmail.com'), failures_86400: 3, failures_0: 50, lockedUntil: 100_000 };
    expect(failuresNow(item, 90_000, limits)).toBe(3);
    expect(failuresNow(item, 200_000, limits)).toBe(0);
    expect(failuresNow(null, 90_000, limits)).toBe(0);
    expect(lockedUntil(item, 99_999)).toBe(100_000);
    expect(lockedUntil(item, 100_000)).toBeNull();
    expect(lockedUntil(null, 0)).toBeNull();
  });

  it('counts a failure in this window and removes the previous window', () => {
    expect(countFailure('bob@gmail.com', 90_000, limits)).toMatchObject({
      operation: 'UpdateItem',
      key: { pk: { S: 'MAILBOX#bob@gmail.com' } },
      update: {
        expression: 'SET #failures = if_not_exists(#failures, :zero) + :one, expiresAt = :expiresAt REMOVE #previous',
        expressionNames: { '#failures': 'failures_86400', '#previous': 'failures_0' },
      },
    });
  });

  it('only ever extends a lock, and lets writes through only while unlocked', () => {
    expect(lockMailbox('m', 5000, 100, limits).condition).toMatchObject({
      expression: 'attribute_not_exists(lockedUntil) OR lockedUntil < :until',
      expressionValues: { ':until': { N: 5000 } },
    });
    expect(notLocked('t', 'm', 100)).toMatchObject({
      operation: 'ConditionCheck',
      key: { pk: { S: 'MAILBOX#m' } },
      condition: { expression: 'attribute_not_exists(lockedUntil) OR lockedUntil <= :now', returnValuesOnConditionCheckFailure: true },
    });
  });
});
