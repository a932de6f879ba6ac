import { describe, expect, it } from 'vitest';
import { epochMillisToIso, epochSecondsToIso } from './time.ts';

describe('epochMillisToIso', () => {
  it.each([
    0,
    1,
    999,
    86_399_999,
    951_782_400_000, // 2000-02-29 (leap day of a year divisible by 400)
    4_107_542_400_000, // 2100-03-01 (2100 is not a leap year)
    1_709_164_800_000, // 2024-02-29
    1_735_689_599_999, // 2024-12-31T23:59:59.999Z
    253_402_300_799_999, // 9999-12-31T23:59:59.999Z
    -1, // 1969-12-31T23:59:59.999Z
  ])('writes %d as Date#toISOString does', (millis) => {
    expect(epochMillisToIso(millis)).toBe(new Date(millis).toISOString());
  });

  it('agrees with Date#toISOString for 2,000 random instants between 1970 and 2200', () => {
    for (let i = 0; i < 2000; i += 1) {
      const millis = Math.floor(Math.random() * 7_258_118_400_000);
      expect(epochMillisToIso(millis), String(millis)).toBe(new Date(millis).toISOString());
    }
  });
});

describe('epochSecondsToIso', () => {
  it('converts the table\'s epoch-second expiresAt', () => {
    expect(epochSecondsToIso(1_700_000_300)).toBe('2023-11-14T22:18:20.000Z');
  });
});
