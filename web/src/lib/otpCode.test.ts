import { describe, expect, it } from 'vitest';
import { isWellFormedCode, stripCodeSeparators } from './otpCode.ts';

describe('stripCodeSeparators', () => {
  it.each([
    ['123456', '123456'],
    [' 123 456 ', '123456'],
    ['123-456', '123456'],
    ['12 - 34 - 56', '123456'],
    ['123\u2013456', '123456'],
    ['123\u00a0456\t', '123456'],
    ['12\n34', '1234'],
  ])('turns %j into %j', (input, expected) => {
    expect(stripCodeSeparators(input)).toBe(expected);
  });

  it('keeps other characters so the form can reject them', () => {
    expect(stripCodeSeparators('12a4 56')).toBe('12a456');
  });
});

describe('isWellFormedCode', () => {
  it.each(['1234', '123456', '0000000000'])('accepts %j', (code) => {
    expect(isWellFormedCode(code)).toBe(true);
  });

  it.each(['', '123', '12345678901', '12a456', '１２３４５６', '123 456'])('rejects %j', (code) => {
    expect(isWellFormedCode(code)).toBe(false);
  });
});
