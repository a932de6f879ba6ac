/**
 * UTF-8 encoding written for APPSYNC_JS, which has no TextEncoder and refuses `charCodeAt`/`fromCharCode`.
 *
 * ASCII characters are looked up in a table (plain string methods every runtime has), so the resolvers' real inputs
 * (a hex/base64 secret, a UUID and digits) never depend on anything else. Only non-ASCII characters use
 * `codePointAt`, which AppSync's linter does not refuse (it is not in @aws-appsync/eslint-plugin's denied list).
 */

/** The 128 ASCII characters in code order: a character's index is its code. */
const ASCII =
  '\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f' +
  '\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f' +
  ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u007f';

/** U+FFFD, what WHATWG encoders (Node's Buffer, TextEncoder) write for a lone surrogate. */
const REPLACEMENT = [0xef, 0xbf, 0xbd];

/** The UTF-16 code unit of a one-unit string. */
function codeUnit(unit: string): number {
  const ascii = ASCII.indexOf(unit);
  return ascii >= 0 ? ascii : (unit.codePointAt(0) ?? 0);
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** The UTF-8 bytes of one Unicode code point (not a surrogate). */
export function encodeCodePoint(codePoint: number): number[] {
  if (codePoint < 0x80) return [codePoint];
  if (codePoint < 0x800) return [0xc0 | (codePoint >>> 6), 0x80 | (codePoint & 0x3f)];
  if (codePoint < 0x10000) {
    return [0xe0 | (codePoint >>> 12), 0x80 | ((codePoint >>> 6) & 0x3f), 0x80 | (codePoint & 0x3f)];
  }
  return [
    0xf0 | (codePoint >>> 18),
    0x80 | ((codePoint >>> 12) & 0x3f),
    0x80 | ((codePoint >>> 6) & 0x3f),
    0x80 | (codePoint & 0x3f),
  ];
}

/**
 * The UTF-8 bytes of a string, as Node's `Buffer.from(text, 'utf8')` writes them (lone surrogates become U+FFFD).
 *
 * @example utf8Encode('é') // [0xc3, 0xa9]
 */
export function utf8Encode(text: string): number[] {
  const bytes: number[] = [];
  // A high surrogate waiting for its low half; -1 when none.
  let pendingHigh = -1;
  for (const unitText of text.split('')) {
    const unit = codeUnit(unitText);
    if (pendingHigh >= 0 && isLowSurrogate(unit)) {
      bytes.push(...encodeCodePoint(0x10000 + ((pendingHigh - 0xd800) << 10) + (unit - 0xdc00)));
      pendingHigh = -1;
    } else {
      if (pendingHigh >= 0) bytes.push(...REPLACEMENT);
      pendingHigh = -1;
      if (isHighSurrogate(unit)) pendingHigh = unit;
      else if (isLowSurrogate(unit)) bytes.push(...REPLACEMENT);
      else bytes.push(...encodeCodePoint(unit));
    }
  }
  if (pendingHigh >= 0) bytes.push(...REPLACEMENT);
  return bytes;
}
