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
    [-3, '00:00'],
  ])('shows %d seconds as %s', (seconds, clock) => {
    expect(formatClock(seconds)).toBe(clock);
  });
});

describe('describeWait', () => {
  it.each([
    [0.2, '1 second'],
    [1, '1 second'],
    [25, '25 seconds'],
    [59, '59 seconds'],
    [59.5, '1 minute'],
    [60, '1 minute'],
    [61, '2 minutes'],
    [900, '15 minutes'],
  ])('words %d seconds as %s', (seconds, words) => {
    expect(describeWait(seconds)).toBe(words);
  });
});
