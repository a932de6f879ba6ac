import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Bytes, sha256Hex } from './sha256.ts';

/** Characters from every UTF-8 length class: ASCII, 2-byte, 3-byte (CJK, U+FFFD) and 4-byte (surrogate pairs). */
const ALPHABET = ['a', 'Z', '0', ' ', '~', '\u0000', '\u007f', 'é', 'ß', 'Ω', '\u07ff', '中', '\u0800', '\ufffd', '😀', '𝄞', '\u{10ffff}'];
/** Random text; assertions print the failing input, so a failure is reproducible from the report. */
const randomText = (maxLength: number) =>
  Array.from({ length: Math.floor(Math.random() * (maxLength + 1)) }, () => ALPHABET[Math.floor(Math.random() * ALPHABET.length)]).join('');

const nodeSha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256Hex', () => {
  // FIPS 180-4 examples (NIST CSRC "SHA-256" example values and the NIST test vectors).
  it.each([
    ['"abc"', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['the empty string', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    [
      'the 448-bit message',
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    [
      'the 896-bit message',
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
  ])('matches the NIST vector for %s', (_label, message, digest) => {
    expect(sha256Hex(message)).toBe(digest);
  });

  it('matches the NIST vector for one million "a"', () => {
    expect(sha256Hex('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('pads correctly around the block boundaries', () => {
    for (const length of [54, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129]) {
      const message = 'x'.repeat(length);
      expect(sha256Hex(message), `length ${length}`).toBe(nodeSha256(message));
    }
  });

  it('agrees with node:crypto for 200 random non-ASCII strings', () => {
    for (let i = 0; i < 200; i += 1) {
      const message = randomText(150);
      expect(sha256Hex(message), JSON.stringify(message)).toBe(nodeSha256(message));
    }
  });

  it('hashes raw bytes, including every byte value', () => {
    const bytes = Array.from({ length: 256 }, (_, byte) => byte);
    expect(Buffer.from(sha256Bytes(bytes)).toString('hex')).toBe(createHash('sha256').update(Buffer.from(bytes)).digest('hex'));
  });
});
