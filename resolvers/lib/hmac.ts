/** HMAC-SHA-256 (RFC 2104) for APPSYNC_JS, on top of the plain-array SHA-256. */
import { bytesToHex } from './hex.ts';
import { SHA256_BLOCK_BYTES, sha256Bytes, zeroBytes } from './sha256.ts';
import { utf8Encode } from './utf8.ts';

const INNER_PAD = 0x36;
const OUTER_PAD = 0x5c;

/** HMAC-SHA-256 of byte arrays, as 32 bytes. Keys longer than a block are hashed first, as RFC 2104 says. */
export function hmacSha256Bytes(key: number[], message: number[]): number[] {
  const shortKey = key.length > SHA256_BLOCK_BYTES ? sha256Bytes(key) : key;
  const blockKey = shortKey.concat(zeroBytes(SHA256_BLOCK_BYTES - shortKey.length));
  const inner = sha256Bytes(blockKey.map((byte) => byte ^ INNER_PAD).concat(message));
  return sha256Bytes(blockKey.map((byte) => byte ^ OUTER_PAD).concat(inner));
}

/** HMAC-SHA-256 of byte arrays, as lowercase hex (for byte-level test vectors such as RFC 4231). */
export function hmacSha256HexBytes(key: number[], message: number[]): string {
  return bytesToHex(hmacSha256Bytes(key, message));
}

/**
 * HMAC-SHA-256 of a UTF-8 message under a UTF-8 key, as lowercase hex; equal to Node's
 * `createHmac('sha256', key).update(message).digest('hex')`.
 *
 * @example hmacSha256Hex(secret, sessionId + code) // the codeHash stored on a session
 */
export function hmacSha256Hex(key: string, message: string): string {
  return hmacSha256HexBytes(utf8Encode(key), utf8Encode(message));
}
