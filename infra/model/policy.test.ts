import { describe, expect, it } from 'vitest';
import { ACCEPTED_CODE_DIGITS, MAX_CODE_LENGTH, MIN_CODE_LENGTH, POLICY_DEFAULTS, POLICY_RANGES } from './policy.ts';

describe('policy', () => {
  it('has the documented defaults (README, the construct props\' @default)', () => {
    expect(POLICY_DEFAULTS).toEqual({
      codeLength: 6,
      codeTtlSeconds: 300,
      maxAttempts: 5,
      verifiedRetentionSeconds: 86400,
      maxCodesPerWindow: 5,
      rateWindowSeconds: 900,
      resendCooldownSeconds: 30,
      failureBudget: 20,
      failureWindowSeconds: 86400,
      lockoutSeconds: 900,
      maxLockoutSeconds: 86400,
      globalSendsPerMinute: 300,
      domainSendsPerMinute: 100,
      tokenLifetimeSeconds: 300,
      smsGlobalSendsPerHour: 500,
      smsCountrySendsPerHour: 200,
    });
  });

  it('keeps every default inside its own range', () => {
    for (const [name, range] of Object.entries(POLICY_RANGES)) {
      const value = POLICY_DEFAULTS[name as keyof typeof POLICY_RANGES];
      expect(value, name).toBeGreaterThanOrEqual(range.min);
      expect(value, name).toBeLessThanOrEqual(range.max);
    }
  });

  it('accepts as input every code length it may send', () => {
    expect(ACCEPTED_CODE_DIGITS.min).toBeLessThanOrEqual(MIN_CODE_LENGTH);
    expect(ACCEPTED_CODE_DIGITS.max).toBeGreaterThanOrEqual(MAX_CODE_LENGTH);
  });
});
