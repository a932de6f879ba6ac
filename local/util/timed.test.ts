import { describe, expect, it } from 'vitest';
import { durationRecorder } from './timed.ts';

describe('durationRecorder', () => {
  it('records how long a piece of work took, also when it failed, and settles as the work does', async () => {
    const durations: Record<string, number> = {};
    const timed = durationRecorder(durations);
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await expect(timed('ok', wait(30).then(() => 'done'))).resolves.toBe('done');
    await expect(timed('failed', wait(30).then(() => Promise.reject(new Error('no'))))).rejects.toThrow('no');
    expect(Object.keys(durations)).toEqual(['ok', 'failed']);
    for (const ms of Object.values(durations)) {
      expect(ms).toBeGreaterThanOrEqual(25);
      expect(Number.isInteger(ms)).toBe(true);
    }
  });
});
