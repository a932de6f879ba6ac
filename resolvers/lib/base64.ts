/**
 * Base64 and base64url (RFC 4648 §4 and §5) of byte arrays, written for APPSYNC_JS: `util.base64Encode` takes text,
 * not bytes, and the runtime has no Buffer, `atob` or `charCodeAt`. Characters are looked up in the alphabet with
 * plain string methods; loops are for-of over arrays (no C-style `for`, no `while`).
 */

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The index of the first element of each group of `size` elements of `items`: 0, size, 2·size, … */
function groupStarts(items: unknown[], size: number): number[] {
  return items.map((_, index) => index).filter((index) => index % size === 0);
}

function encode(bytes: number[], alphabet: string, pad: boolean): string {
  let out = '';
  for (const start of groupStarts(bytes, 3)) {
    const count = Math.min(3, bytes.length - start);
    const b0 = bytes[start] ?? 0;
    const b1 = bytes[start + 1] ?? 0;
    const b2 = bytes[start + 2] ?? 0;
    out += alphabet.charAt(b0 >>> 2) + alphabet.charAt(((b0 & 0x03) << 4) | (b1 >>> 4));
    out += count > 1 ? alphabet.charAt(((b1 & 0x0f) << 2) | (b2 >>> 6)) : pad ? '=' : '';
    out += count > 2 ? alphabet.charAt(b2 & 0x3f) : pad ? '=' : '';
  }
  return out;
}

/**
 * Base64 with padding, as `Buffer.from(bytes).toString('base64')` writes it.
 *
 * @example bytesToBase64([0x66, 0x6f]) // 'Zm8='
 */
export function bytesToBase64(bytes: number[]): string {
  return encode(bytes, BASE64_ALPHABET, true);
}

/**
 * Base64url without padding, the encoding of every part of a JWS (RFC 7515 §2), as `Buffer.toString('base64url')`.
 *
 * @example bytesToBase64Url([0xfb, 0xff]) // '-_8'
 */
export function bytesToBase64Url(bytes: number[]): string {
  return encode(bytes, BASE64URL_ALPHABET, false);
}

/**
 * The bytes of standard base64 text (padding optional), or null when it is not base64: a character outside the
 * alphabet, padding anywhere but the end, or a length no encoder writes (one character left over).
 *
 * @example base64ToBytes('Zm8=') // [0x66, 0x6f]
 */
export function base64ToBytes(text: string): number[] | null {
  const unpadded = text.endsWith('==') ? text.slice(0, -2) : text.endsWith('=') ? text.slice(0, -1) : text;
  if (unpadded.length % 4 === 1 || (text.length !== unpadded.length && text.length % 4 !== 0)) return null;
  const values = unpadded.split('').map((char) => BASE64_ALPHABET.indexOf(char));
  if (values.some((value) => value < 0)) return null;
  const bytes: number[] = [];
  for (const start of groupStarts(values, 4)) {
    const count = Math.min(4, values.length - start);
    const v0 = values[start] ?? 0;
    const v1 = values[start + 1] ?? 0;
    const v2 = values[start + 2] ?? 0;
    const v3 = values[start + 3] ?? 0;
    bytes.push(((v0 << 2) | (v1 >>> 4)) & 0xff);
    if (count > 2) bytes.push(((v1 << 4) | (v2 >>> 2)) & 0xff);
    if (count > 3) bytes.push(((v2 << 6) | v3) & 0xff);
  }
  return bytes;
}
