import { describe, expect, it } from 'vitest';
import { describeWait, formatClock, secondsUntil } from './countdown.ts';

describe('secondsUntil', () => {
  const at = Date.parse('2026-01-01T00:05:00Z');

  it('rounds up, so 00:01 shows until the very end', () => {
    expect(secondsUntil(at, at - 300_000)).toBe(300);
    expect(secondsUntil(at, at - 299_001)).toBe(300);
    expect(secondsUntil(at, at - 1)).toBe(1);
  });

  it('is 0 at and after the moment', () => {
    expect(secondsUntil(at, at)).toBe(0);
    expect(secondsUntil(at, at + 5_000)).toBe(0);
  });
});

describe('formatClock', () => {
  it.each([
    [0, '00:00'],
    [9, '00:09'],
    [75, '01:15'],
    [300, '05:00'],
    [3_600, '60:00'],
    [6_000, '100:00'],
    [-3, '00:00'],
  ])('shows %d seconds as %s', (seconds, clock) => {
    expect(formatClock(seconds, 'en')).toBe(clock);
  });

  it("uses the locale's digits and never groups them", () => {
    expect(formatClock(75, 'de')).toBe('01:15');
    expect(formatClock(60_000, 'de')).toBe('1000:00');
    // Arabic (not shipped) shows why the locale matters: its own digits.
    expect(formatClock(75, 'ar-EG')).toBe('٠١:١٥');
  });
});

describe('describeWait', () => {
  it.each([
    [0.2, 'duration.seconds', 1],
    [1, 'duration.seconds', 1],
    [25, 'duration.seconds', 25],
    [59, 'duration.seconds', 59],
    [59.5, 'duration.minutes', 1],
    [60, 'duration.minutes', 1],
    [61, 'duration.minutes', 2],
    [900, 'duration.minutes', 15],
  ])('words %d seconds as %s with count %d', (seconds, key, count) => {
    expect(describeWait(seconds)).toEqual({ key, count });
  });
});
