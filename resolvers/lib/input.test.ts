import { describe, expect, it } from 'vitest';
import { hasDeliverableLength, normalizeCode, normalizeEmail, normalizeSessionId } from './input.ts';

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Alice.Example@EXAMPLE.com \n')).toBe('alice.example@example.com');
  });
});

describe('normalizeCode', () => {
  it.each([
    ['123456', '123456'],
    ['123 456', '123456'],
    ['123-456', '123456'],
    [' 12 - 34 - 56 ', '123456'],
    ['1234', '1234'],
    ['0123456789', '0123456789'],
    ['000000', '000000'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normalizeCode(input)).toBe(expected);
  });

  it.each([
    ['too short', '123'],
    ['too long', '12345678901'],
    ['letters', 'abcdef'],
    ['an expression injection', "1' OR 1=1"],
    ['non-ASCII digits', '١٢٣٤٥٦'],
    ['full-width digits', '１２３４５６'],
    ['a tab', '123\t456'],
    ['empty', ''],
    ['only separators', '- - -'],
    ['a decimal point', '123.456'],
  ])('refuses %s', (_label, input) => {
    expect(normalizeCode(input)).toBeNull();
  });
});

describe('normalizeSessionId', () => {
  it('accepts a UUID and lower-cases it', () => {
    expect(normalizeSessionId('7D3F1A52-1C1E-4C8E-9A51-5B6F0C6D7E8F')).toBe('7d3f1a52-1c1e-4c8e-9a51-5b6f0c6d7e8f');
    expect(normalizeSessionId(crypto.randomUUID())).not.toBeNull();
  });

  it.each([
    'SESSION#x',
    '',
    '7d3f1a52-1c1e-4c8e-9a51-5b6f0c6d7e8',
    '7d3f1a52-1c1e-4c8e-9a51-5b6f0c6d7e8fa',
    '7d3f1a521c1e-4c8e-9a51-5b6f0c6d7e8f0',
    '7d3f1a52-1c1e-4c8e-9a51-5b6f0c6d7e8g',
    '7d3f1a52_1c1e_4c8e_9a51_5b6f0c6d7e8f',
    '{7d3f1a52-1c1e-4c8e-9a51-5b6f0c6d7e8}',
  ])('refuses %j', (input) => {
    expect(normalizeSessionId(input)).toBeNull();
  });
});

describe('hasDeliverableLength', () => {
  it('accepts up to 64 characters before the @ and 254 in all (RFC 5321)', () => {
    expect(hasDeliverableLength(`${'a'.repeat(64)}@example.com`)).toBe(true);
    expect(hasDeliverableLength(`${'a'.repeat(65)}@example.com`)).toBe(false);
    expect(hasDeliverableLength(`a@${'b'.repeat(240)}.com`)).toBe(true);
    expect(hasDeliverableLength(`a@${'b'.repeat(250)}.com`)).toBe(false);
  });
});
