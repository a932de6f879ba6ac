import { describe, expect, it } from 'vitest';
import { isE164 } from './phone-number.ts';
import { smsSize } from './sms-encoding.ts';

describe('smsSize', () => {
  it('fits 160 GSM characters in one part and splits longer texts in parts of 153', () => {
    expect(smsSize('x'.repeat(160))).toEqual({ encoding: 'GSM', parts: 1 });
    expect(smsSize('x'.repeat(161))).toEqual({ encoding: 'GSM', parts: 2 });
    expect(smsSize('x'.repeat(306))).toEqual({ encoding: 'GSM', parts: 2 });
    expect(smsSize('x'.repeat(307))).toEqual({ encoding: 'GSM', parts: 3 });
  });

  it("counts the GSM extension table's characters twice (€ is an escape plus a septet)", () => {
    expect(smsSize('€'.repeat(80))).toEqual({ encoding: 'GSM', parts: 1 });
    expect(smsSize('€'.repeat(81))).toEqual({ encoding: 'GSM', parts: 2 });
  });

  it('keeps GSM for its accented letters but switches to UCS-2 (70, then 67 a part) for any other character', () => {
    expect(smsSize('123456 ist Ihr Code für Acme. Geben Sie ihn nicht weiter.')).toEqual({ encoding: 'GSM', parts: 1 });
    expect(smsSize('ç'.repeat(70))).toEqual({ encoding: 'UCS2', parts: 1 });
    expect(smsSize(`${'a'.repeat(70)}ç`)).toEqual({ encoding: 'UCS2', parts: 2 });
    // An emoji outside the BMP takes two UCS-2 units.
    expect(smsSize('🙂'.repeat(35))).toEqual({ encoding: 'UCS2', parts: 1 });
    expect(smsSize('🙂'.repeat(36))).toEqual({ encoding: 'UCS2', parts: 2 });
  });
});

describe('isE164', () => {
  it('takes +, a country code and up to 15 digits in all; nothing else', () => {
    for (const valid of ['+4915112345678', '+15550100123', '+2904123', '+123456789012345']) expect(isE164(valid), valid).toBe(true);
    for (const invalid of ['4915112345678', '+0151123456', '+123456', '+1234567890123456', '+1 555 0100', '+1-555-0100123', '', '+']) {
      expect(isE164(invalid), invalid).toBe(false);
    }
  });
});
