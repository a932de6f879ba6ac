import { describe, expect, it } from 'vitest';
import { POLICY_DEFAULTS } from '../../../infra/model/index.ts';
import { isCompleteCode, isWellFormedCode, readCodeLength, stripCodeSeparators } from './otpCode.ts';

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

describe('readCodeLength', () => {
  it('defaults to 6 digits when unset or blank', () => {
    expect(readCodeLength(undefined)).toBe(POLICY_DEFAULTS.codeLength);
    expect(readCodeLength(' ')).toBe(6);
  });

  it.each([['4', 4], ['8', 8], [' 10 ', 10]])('reads %j as %d', (setting, length) => {
    expect(readCodeLength(setting)).toBe(length);
  });

  it.each(['3', '11', '6.5', 'six'])('refuses %j, naming the setting', (setting) => {
    expect(() => readCodeLength(setting)).toThrow(/VITE_OTP_CODE_LENGTH/);
  });
});

describe('isCompleteCode', () => {
  it('is true only for exactly the configured number of digits', () => {
    expect(isCompleteCode('123456', 6)).toBe(true);
    expect(isCompleteCode('12345', 6)).toBe(false);
    expect(isCompleteCode('1234567', 6)).toBe(false);
    expect(isCompleteCode('12345a', 6)).toBe(false);
    expect(isCompleteCode('1234', 4)).toBe(true);
  });
});
