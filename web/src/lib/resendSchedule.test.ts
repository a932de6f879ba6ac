import { describe, expect, it } from 'vitest';
import { resendAvailableAt } from './resendSchedule.ts';

describe('resendAvailableAt', () => {
  const sentAt = Date.parse('2026-01-01T00:00:00Z');

  it("uses the API's resendAvailableAt when it is there", () => {
    expect(resendAvailableAt({ resendAvailableAt: '2026-01-01T00:00:12Z' }, sentAt)).toBe(sentAt + 12_000);
  });

  it('falls back to the default cooldown from the moment the code was requested', () => {
    expect(resendAvailableAt({}, sentAt)).toBe(sentAt + 30_000);
    expect(resendAvailableAt({ resendAvailableAt: null }, sentAt, 5)).toBe(sentAt + 5_000);
  });

  it('ignores a value that is not a date', () => {
    expect(resendAvailableAt({ resendAvailableAt: 'soon' }, sentAt)).toBe(sentAt + 30_000);
  });
});
