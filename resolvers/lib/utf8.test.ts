import { describe, expect, it } from 'vitest';
import { encodeCodePoint, utf8Encode } from './utf8.ts';

/** Characters from every UTF-8 length class: ASCII, 2-byte, 3-byte (CJK, U+FFFD) and 4-byte (surrogate pairs). */
const ALPHABET = ['a', 'Z', '0', ' ', '~', '\u0000', '\u007f', 'é', 'ß', 'Ω', '\u07ff', '中', '\u0800', '\ufffd', '😀', '𝄞', '\u{10ffff}'];
/** Random text; assertions print the failing input, so a failure is reproducible from the report. */
const randomText = (maxLength: number) =>
  Array.from({ length: Math.floor(Math.random() * (maxLength + 1)) }, () => ALPHABET[Math.floor(Math.random() * ALPHABET.length)]).join('');

const nodeBytes = (text: string) => [...Buffer.from(text, 'utf8')];

describe('utf8Encode', () => {
  it('encodes every ASCII character as its own code', () => {
    const ascii = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)).join('');
    expect(utf8Encode(ascii)).toEqual(Array.from({ length: 128 }, (_, code) => code));
  });

  it.each([
    ['2-byte', 'é', [0xc3, 0xa9]],
    ['3-byte', '中', [0xe4, 0xb8, 0xad]],
    ['4-byte (surrogate pair)', '😀', [0xf0, 0x9f, 0x98, 0x80]],
    ['the last code point', '\u{10ffff}', [0xf4, 0x8f, 0xbf, 0xbf]],
  ])('encodes a %s character', (_label, text, bytes) => {
    expect(utf8Encode(text)).toEqual(bytes);
  });

  it('writes U+FFFD for lone surrogates, as Node does', () => {
    for (const text of ['\ud800', '\udc00', 'a\ud83dz', '\ud83d\ud83d\ude00', '\ude00\ud83d']) {
      expect(utf8Encode(text)).toEqual(nodeBytes(text));
    }
  });

  it('agrees with Buffer.from for 200 random strings', () => {
    for (let i = 0; i < 200; i += 1) {
      const text = randomText(80);
      expect(utf8Encode(text), JSON.stringify(text)).toEqual(nodeBytes(text));
    }
  });

  it('encodes code points at each length boundary', () => {
    for (const codePoint of [0x7f, 0x80, 0x7ff, 0x800, 0xffff, 0x10000]) {
      expect(encodeCodePoint(codePoint)).toEqual(nodeBytes(String.fromCodePoint(codePoint)));
    }
  });
});
