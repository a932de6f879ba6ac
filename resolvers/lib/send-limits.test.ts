import { describe, expect, it } from 'vitest';
import { POLICY_DEFAULTS } from '../../infra/model/index.ts';
import { readSendLimits, RETRY_ROUNDING_SECONDS, roundedRetry, sendAllowedAgain, windowStartOf } from './send-limits.ts';

const limits = { maxCodesPerWindow: 5, windowSeconds: 900, cooldownSeconds: 30 };

describe('readSendLimits', () => {
  it('defaults to 5 codes per 15 minutes and a 30 s cooldown', () => {
    expect(readSendLimits({})).toEqual({
      maxCodesPerWindow: POLICY_DEFAULTS.maxCodesPerWindow,
      windowSeconds: 900,
      cooldownSeconds: 30,
    });
  });

  it('reads configured values, and accepts an explicit 0 for the cooldown only', () => {
    const env = { OTP_MAX_CODES_PER_WINDOW: '3', OTP_RATE_WINDOW_SECONDS: '60', OTP_RESEND_COOLDOWN_SECONDS: '0' };
    expect(readSendLimits(env)).toEqual({ maxCodesPerWindow: 3, windowSeconds: 60, cooldownSeconds: 0 });
    expect(readSendLimits({ OTP_MAX_CODES_PER_WINDOW: '0', OTP_RATE_WINDOW_SECONDS: '0' })).toMatchObject({
      maxCodesPerWindow: 5,
      windowSeconds: 900,
    });
  });

  it('falls back to the default on malformed values, so a typo never disables a limit', () => {
    expect(readSendLimits({ OTP_RESEND_COOLDOWN_SECONDS: '-1', OTP_MAX_CODES_PER_WINDOW: '5x' })).toMatchObject({
      cooldownSeconds: 30,
      maxCodesPerWindow: 5,
    });
  });
});

describe('windows', () => {
  it('aligns windows to the epoch', () => {
    expect(windowStartOf(1800, 900)).toBe(1800);
    expect(windowStartOf(2699, 900)).toBe(1800);
    expect(windowStartOf(2700, 900)).toBe(2700);
  });
});

describe('sendAllowedAgain', () => {
  it('answers a cooldown refusal with a full cooldown from now, so the previous send time stays unknown', () => {
    expect(sendAllowedAgain({ cooldown: true }, 1010, limits)).toEqual({ atSeconds: 1040, seconds: 30 });
    // The same answer whether the previous send was 1 s or 29 s ago.
    expect(sendAllowedAgain({ cooldown: true }, 1010, limits)).toEqual(sendAllowedAgain({ conflict: true }, 1010, limits));
  });

  it('ends a full window at its end', () => {
    const refusal = { window: { item: { pk: 'RATE#a#900', count: 5, windowStart: 900, expiresAt: 1800 } } };
    expect(sendAllowedAgain(refusal, 1000, limits)).toEqual({ atSeconds: 1800, seconds: 800 });
  });

  it('takes the latest of every refusal', () => {
    const refusal = { window: { item: { pk: 'RATE#a#900', count: 5, windowStart: 900, expiresAt: 1800 } }, cooldown: true };
    expect(sendAllowedAgain(refusal, 1796, limits).atSeconds).toBe(1830);
    expect(sendAllowedAgain({ budget: { windowEnd: 1860 }, cooldown: true }, 1801, limits).atSeconds).toBe(1860);
  });

  it('asks a request that met a concurrent one on a budget counter to retry in a moment', () => {
    expect(sendAllowedAgain({ budgetConflict: true }, 1000, limits)).toEqual({ atSeconds: 1010, seconds: 10 });
  });

  it('never asks for less than 1 s, and works without the failed item (derives the window from now)', () => {
    expect(sendAllowedAgain({ conflict: true }, 1000, { ...limits, cooldownSeconds: 0 }).seconds).toBeGreaterThanOrEqual(1);
    expect(sendAllowedAgain({ window: { item: null } }, 1000, limits).atSeconds).toBe(1800);
  });
});

describe('roundedRetry', () => {
  it.each([
    [1000, 1000, 1010],
    [1001, 1000, 1010],
    [1010, 1000, 1010],
    [1011, 1000, 1020],
    [900, 1000, 1010],
  ])('rounds %d (now %d) up to %d', (at, now, expected) => {
    expect(roundedRetry(at, now)).toEqual({ atSeconds: expected, seconds: expected - now });
  });

  it('hides the exact time it is derived from: every time within one step gives one answer', () => {
    const answers = new Set(Array.from({ length: RETRY_ROUNDING_SECONDS }, (_, i) => roundedRetry(1031 + i, 1000).atSeconds));
    expect([...answers]).toEqual([1040]);
  });
});
