/**
 * Whole seconds left until `targetMs`, rounded up so a countdown shows 00:01 until the very end, and never negative.
 *
 * @example secondsUntil(Date.parse('2026-01-01T00:05:00Z'), Date.parse('2026-01-01T00:00:00.200Z')) // 300
 */
export function secondsUntil(targetMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((targetMs - nowMs) / 1000));
}

/**
 * A countdown as mm:ss (minutes keep counting past 59: codes and cooldowns are short).
 *
 * @example formatClock(75) // '01:15'
 */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const minutes = Math.floor(whole / 60);
  return `${String(minutes).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

/**
 * A wait in words for a sentence ("Try again in …"): seconds under a minute, whole minutes (rounded up) above.
 *
 * @example describeWait(25) // '25 seconds'
 * @example describeWait(61) // '2 minutes'
 */
export function describeWait(seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole < 60) return `${whole} ${whole === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.ceil(whole / 60);
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}
