import { describe, expect, it } from 'vitest';
import { drawOtpCode } from './otp-code.ts';

describe('drawOtpCode', () => {
  it('draws codes of the requested length, digits only, keeping leading zeros', () => {
    for (const length of [4, 6, 10]) {
      const codes = Array.from({ length: 200 }, () => drawOtpCode(length));
      expect(codes.every((code) => new RegExp(`^\\d{${length}}$`).test(code))).toBe(true);
    }
    // With 4 digits, about 10% of codes start with 0: padding must keep them 4 long.
    const codes = Array.from({ length: 500 }, () => drawOtpCode(4));
    expect(codes.some((code) => code.startsWith('0'))).toBe(true);
  });

  it('does not repeat itself', () => {
    const codes = new Set(Array.from({ length: 100 }, () => drawOtpCode(10)));
    expect(codes.size).toBeGreaterThan(95);
  });
});
