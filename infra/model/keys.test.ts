import { describe, expect, it } from 'vitest';
import {
  BUDGET_KEY_PREFIX,
  cooldownPk,
  DOMAIN_BUDGET_KEY_PREFIX,
  domainBudgetPk,
  GLOBAL_BUDGET_KEY_PREFIX,
  globalBudgetPk,
  guardPk,
  isSessionPk,
  ratePk,
  sessionKey,
  sessionPk,
} from './keys.ts';

describe('key builders', () => {
  it('prefix each item type so one table holds them all apart', () => {
    expect(sessionPk('abc')).toBe('SESSION#abc');
    expect(sessionKey('abc')).toEqual({ pk: { S: 'SESSION#abc' } });
    expect(ratePk('a@example.com', 1800)).toBe('RATE#a@example.com#1800');
    expect(cooldownPk('a@example.com')).toBe('COOLDOWN#a@example.com');
    expect(guardPk('bob@gmail.com')).toBe('MAILBOX#bob@gmail.com');
    expect(globalBudgetPk(120, 5)).toBe('BUDGET#GLOBAL#120#5');
    expect(domainBudgetPk('example.com', 120, 0)).toBe('BUDGET#DOMAIN#example.com#120#0');
  });

  it('tells session keys from every other item', () => {
    expect(isSessionPk(sessionPk('abc'))).toBe(true);
    for (const pk of [ratePk('a', 0), cooldownPk('a'), guardPk('a'), globalBudgetPk(0, 0), 'session#abc', undefined]) {
      expect(isSessionPk(pk), String(pk)).toBe(false);
    }
  });
});

describe('budget prefixes', () => {
  it('nest under BUDGET#', () => {
    expect(GLOBAL_BUDGET_KEY_PREFIX.startsWith(BUDGET_KEY_PREFIX)).toBe(true);
    expect(DOMAIN_BUDGET_KEY_PREFIX.startsWith(BUDGET_KEY_PREFIX)).toBe(true);
  });
});
