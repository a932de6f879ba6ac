/**
 * The SRP-6a group and encodings Cognito uses (the same as AWS's clients: amazon-cognito-identity-js's
 * AuthenticationHelper, Amplify Auth): N is the 3072-bit MODP group of RFC 3526, g = 2, hashes are SHA-256 of the
 * bytes a hex string spells, and a number is encoded as its shortest even-length hex with a `00` byte in front when
 * the top bit is set (Java's BigInteger.toByteArray: a positive two's-complement number). Both ends must encode
 * alike or every proof fails, so this file is the only place these encodings live.
 */
import { createHash } from 'node:crypto';

/** RFC 3526's 3072-bit prime. */
export const N = BigInt(
  '0x' +
    'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
export const g = 2n;

/** `n` as Cognito's clients encode it: even-length lower-case hex, `00` prepended when the top bit is set. */
export function padHex(n: bigint): string {
  if (n < 0n) throw new RangeError('SRP values are never negative');
  let hex = n.toString(16);
  if (hex.length % 2 !== 0) hex = `0${hex}`;
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
}

/** SHA-256 of `data` (text as UTF-8) as 64 hex digits. */
export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 of the bytes the hex string spells, as 64 hex digits (the clients' `hexHash`). */
export function hexHash(hex: string): string {
  return sha256Hex(Buffer.from(hex, 'hex'));
}

/** The multiplier k = H(pad(N) | pad(g)). */
export const k = BigInt(`0x${hexHash(padHex(N) + padHex(g))}`);

/** A hex string as a number; null when it is not hex. */
export function parseHex(text: string): bigint | null {
  return /^[0-9a-fA-F]+$/.test(text) ? BigInt(`0x${text}`) : null;
}

/** base^exponent mod modulus by square-and-multiply (not constant-time: a local test double, see README). */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}
