import { describe, expect, it } from 'vitest';
import { cooldownPk, ratePk, readSendLimits, sendAllowedAgain, SEND_LIMIT_DEFAULTS, windowStartOf } from './send-limits.ts';

const limits = { maxCodesPerWindow: 5, windowSeconds: 900, cooldownSeconds: 30 };

describe('readSendLimits', () => {
  it('defaults to 5 codes per 15 minutes and a 30 s cooldown', () => {
    expect(readSendLimits({})).toEqual({
      maxCodesPerWindow: SEND_LIMIT_DEFAULTS.OTP_MAX_CODES_PER_WINDOW,
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

describe('keys and windows', () => {
  it('aligns windows to the epoch', () => {
    expect(windowStartOf(1800, 900)).toBe(1800);
    expect(windowStartOf(2699, 900)).toBe(1800);
    expect(windowStartOf(2700, 900)).toBe(2700);
  });

  it('keys counters by address and window, cooldowns by address', () => {
    expect(ratePk('a@example.com', 1800)).toBe('RATE#a@example.com#1800');
    expect(cooldownPk('a@example.com')).toBe('COOLDOWN#a@example.com');
  });
});

describe('sendAllowedAgain', () => {
  it('ends the cooldown lastSentAt + cooldown', () => {
    const refusal = { cooldown: { item: { pk: 'COOLDOWN#a', lastSentAt: 1000, expiresAt: 1030 } } };
    expect(sendAllowedAgain(refusal, 1010, limits)).toEqual({ atSeconds: 1030, seconds: 20 });
  });

  it('ends a full window at its end', () => {
    const refusal = { window: { item: { pk: 'RATE#a#900', count: 5, windowStart: 900, expiresAt: 1800 } } };
    expect(sendAllowedAgain(refusal, 1000, limits)).toEqual({ atSeconds: 1800, seconds: 800 });
  });

  it('takes the later of both when both refused', () => {
    const refusal = {
      window: { item: { pk: 'RATE#a#900', count: 5, windowStart: 900, expiresAt: 1800 } },
      cooldown: { item: { pk: 'COOLDOWN#a', lastSentAt: 1795, expiresAt: 1825 } },
    };
    expect(sendAllowedAgain(refusal, 1796, limits).atSeconds).toBe(1825);
  });

  it('asks a concurrent request to wait a full cooldown, and never less than 1 s', () => {
    expect(sendAllowedAgain({ conflict: true }, 1000, limits)).toEqual({ atSeconds: 1030, seconds: 30 });
    expect(sendAllowedAgain({ conflict: true }, 1000, { ...limits, cooldownSeconds: 0 }).seconds).toBe(1);
    const stale = { cooldown: { item: { pk: 'COOLDOWN#a', lastSentAt: 900, expiresAt: 930 } } };
    expect(sendAllowedAgain(stale, 1000, limits).seconds).toBe(1);
  });

  it('works without the failed item (derives the window from now)', () => {
    expect(sendAllowedAgain({ window: { item: null } }, 1000, limits).atSeconds).toBe(1800);
  });
});
