import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, bytesToBase64Url } from './base64.ts';

const bytes = (text: string) => [...Buffer.from(text, 'utf8')];

describe('bytesToBase64 / bytesToBase64Url', () => {
  // RFC 4648 §10 test vectors.
  it.each([
    ['', '', ''],
    ['f', 'Zg==', 'Zg'],
    ['fo', 'Zm8=', 'Zm8'],
    ['foo', 'Zm9v', 'Zm9v'],
    ['foob', 'Zm9vYg==', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE=', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy', 'Zm9vYmFy'],
  ])('encodes %j as RFC 4648 §10 does', (text, base64, base64url) => {
    expect(bytesToBase64(bytes(text))).toBe(base64);
    expect(bytesToBase64Url(bytes(text))).toBe(base64url);
  });

  it('uses the URL-safe alphabet for base64url (62 and 63 are - and _)', () => {
    expect(bytesToBase64([0xfb, 0xff, 0xbf])).toBe('+/+/');
    expect(bytesToBase64Url([0xfb, 0xff, 0xbf])).toBe('-_-_');
  });

  it('agrees with Node for random bytes of every length up to 100', () => {
    for (let length = 0; length <= 100; length += 1) {
      const input = randomBytes(length);
      expect(bytesToBase64([...input]), input.toString('hex')).toBe(input.toString('base64'));
      expect(bytesToBase64Url([...input]), input.toString('hex')).toBe(input.toString('base64url'));
    }
  });
});

describe('base64ToBytes', () => {
  it('decodes what Node encodes, with and without padding', () => {
    for (let length = 0; length <= 100; length += 1) {
      const input = randomBytes(length);
      const padded = input.toString('base64');
      expect(base64ToBytes(padded), padded).toEqual([...input]);
      expect(base64ToBytes(padded.replace(/=+$/, '')), padded).toEqual([...input]);
    }
  });

  it.each([
    ['a character outside the alphabet', 'Zm9v!A=='],
    ['base64url characters', 'Zm-_'],
    ['a length no encoder writes', 'Zm9vY'],
    ['padding in the middle', 'Zg==Zm8='],
    ['padding that leaves the length uneven', 'Zm8=='],
  ])('refuses %s', (_label, text) => {
    expect(base64ToBytes(text)).toBeNull();
  });
});
