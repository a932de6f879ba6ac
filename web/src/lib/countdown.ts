import type { Message } from '../i18n/messages.ts';

/**
 * Whole seconds left until `targetMs`, rounded up so a countdown shows 00:01 until the very end, and never negative.
 *
 * @example secondsUntil(Date.parse('2026-01-01T00:05:00Z'), Date.parse('2026-01-01T00:00:00.200Z')) // 300
 */
export function secondsUntil(targetMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((targetMs - nowMs) / 1000));
}

/**
 * A countdown as mm:ss in the locale's digits (minutes keep counting past 59: codes and cooldowns are short).
 *
 * @example formatClock(75, 'de') // '01:15'
 */
export function formatClock(seconds: number, locale: string): string {
  const whole = Math.max(0, Math.floor(seconds));
  const twoDigits = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  return `${twoDigits.format(Math.floor(whole / 60))}:${twoDigits.format(whole % 60)}`;
}

/**
 * A wait for a sentence ("Please wait …"), as a message: seconds under a minute, whole minutes (rounded up) above.
 *
 * @example describeWait(25) // { key: 'duration.seconds', count: 25 }, "25 seconds"
 * @example describeWait(61) // { key: 'duration.minutes', count: 2 }, "2 minutes"
 */
export function describeWait(seconds: number): Message {
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole < 60) return { key: 'duration.seconds', count: whole };
  return { key: 'duration.minutes', count: Math.ceil(whole / 60) };
}
