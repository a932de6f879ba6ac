import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256Hex, hmacSha256HexBytes } from './hmac.ts';

/** Characters from every UTF-8 length class: ASCII, 2-byte, 3-byte (CJK, U+FFFD) and 4-byte (surrogate pairs). */
const ALPHABET = ['a', 'Z', '0', ' ', '~', '\u0000', '\u007f', 'é', 'ß', 'Ω', '\u07ff', '中', '\u0800', '\ufffd', '😀', '𝄞', '\u{10ffff}'];
/** Random text; assertions print the failing input, so a failure is reproducible from the report. */
const randomText = (maxLength: number) =>
  Array.from({ length: Math.floor(Math.random() * (maxLength + 1)) }, () => ALPHABET[Math.floor(Math.random() * ALPHABET.length)]).join('');

const bytes = (text: string) => [...Buffer.from(text, 'utf8')];
const repeat = (byte: number, count: number) => Array.from({ length: count }, () => byte);

describe('hmacSha256HexBytes', () => {
  // RFC 4231 section 4, HMAC-SHA-256 results.
  it.each([
    ['1', repeat(0x0b, 20), bytes('Hi There'), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
    ['2', bytes('Jefe'), bytes('what do ya want for nothing?'), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
    ['3', repeat(0xaa, 20), repeat(0xdd, 50), '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe'],
    [
      '4',
      Array.from({ length: 25 }, (_, i) => i + 1),
      repeat(0xcd, 50),
      '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
    ],
    [
      '6',
      repeat(0xaa, 131),
      bytes('Test Using Larger Than Block-Size Key - Hash Key First'),
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    ],
    [
      '7',
      repeat(0xaa, 131),
      bytes(
        'This is a test using a larger than block-size key and a larger than block-size data. ' +
          'The key needs to be hashed before being used by the HMAC algorithm.',
      ),
      '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
    ],
  ])('matches RFC 4231 test case %s', (_case, key, data, mac) => {
    expect(hmacSha256HexBytes(key, data)).toBe(mac);
  });

  it('matches RFC 4231 test case 5 (output truncated to 128 bits)', () => {
    expect(hmacSha256HexBytes(repeat(0x0c, 20), bytes('Test With Truncation')).slice(0, 32)).toBe(
      'a3b6167473100ee06e0c796c2955552b',
    );
  });

  it('treats a key of exactly one block as it is, and one byte more as hashed', () => {
    for (const length of [63, 64, 65]) {
      const key = repeat(0x42, length);
      const expected = createHmac('sha256', Buffer.from(key)).update('m').digest('hex');
      expect(hmacSha256HexBytes(key, bytes('m')), `key length ${length}`).toBe(expected);
    }
  });
});

describe('hmacSha256Hex', () => {
  it('agrees with node:crypto createHmac for 200 random UTF-8 keys and messages (keys up to 200 characters)', () => {
    let longKeys = 0;
    for (let i = 0; i < 200; i += 1) {
      const key = randomText(200);
      const message = randomText(300);
      if (Buffer.byteLength(key) > 64) longKeys += 1;
      const expected = createHmac('sha256', key).update(message, 'utf8').digest('hex');
      expect(hmacSha256Hex(key, message), JSON.stringify({ key, message })).toBe(expected);
    }
    // The sample must exercise the hash-the-key-first branch often.
    expect(longKeys).toBeGreaterThan(100);
  });

  it('computes the codeHash the email Lambda stores (secret, sessionId + code)', () => {
    const secret = 'b64-or-hex-secret-from-secrets-manager';
    const sessionId = '7d3f1a52-1c1e-4c8e-9a51-5b6f0c6d7e8f';
    expect(hmacSha256Hex(secret, `${sessionId}123456`)).toBe(
      createHmac('sha256', secret).update(`${sessionId}123456`).digest('hex'),
    );
  });
});
