/**
 * SHA-256 (FIPS 180-4) for APPSYNC_JS, which has no crypto module: plain number arrays, for-of loops over index
 * arrays (no C-style `for`, no `while`), 32-bit arithmetic through bitwise operators (`x | 0`, `>>> 0`).
 */
import { bytesToHex } from './hex.ts';
import { utf8Encode } from './utf8.ts';

/** Round constants: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
];

/** Initial hash value: the first 32 bits of the fractional parts of the square roots of the first 8 primes. */
const INITIAL_HASH = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** Bytes in one message block. */
export const SHA256_BLOCK_BYTES = 64;

const ROUND_INDEXES = K.map((_, index) => index);
const WORD_INDEXES = ROUND_INDEXES.slice(0, 16);
const SCHEDULE_INDEXES = ROUND_INDEXES.slice(16);
const ZEROS = ROUND_INDEXES.map(() => 0);

/** `count` zero bytes, 0 ≤ count ≤ 64. */
export function zeroBytes(count: number): number[] {
  return ZEROS.slice(0, count);
}

function rotr(word: number, bits: number): number {
  return (word >>> bits) | (word << (32 - bits));
}

/** The message followed by 0x80, zeros and its length in bits (64-bit big-endian), a multiple of 64 bytes. */
function pad(message: number[]): number[] {
  const length = message.length;
  const zeroCount = (((SHA256_BLOCK_BYTES - 9 - length) % SHA256_BLOCK_BYTES) + SHA256_BLOCK_BYTES) % SHA256_BLOCK_BYTES;
  // Bit length split in two 32-bit halves: exact for any array JavaScript can hold.
  const high = Math.floor(length / 0x20000000);
  const low = (length * 8) >>> 0;
  const lengthBytes = [high >>> 24, (high >>> 16) & 0xff, (high >>> 8) & 0xff, high & 0xff, low >>> 24, (low >>> 16) & 0xff, (low >>> 8) & 0xff, low & 0xff];
  return message.concat([0x80], zeroBytes(zeroCount), lengthBytes);
}

/** Updates `hash` (8 words) with the 64-byte block of `bytes` starting at `offset`. */
function compressBlock(hash: number[], bytes: number[], offset: number): void {
  const w: number[] = WORD_INDEXES.map(
    (j) =>
      ((bytes[offset + 4 * j] ?? 0) << 24) |
      ((bytes[offset + 4 * j + 1] ?? 0) << 16) |
      ((bytes[offset + 4 * j + 2] ?? 0) << 8) |
      (bytes[offset + 4 * j + 3] ?? 0),
  );
  for (const t of SCHEDULE_INDEXES) {
    const w15 = w[t - 15] ?? 0;
    const w2 = w[t - 2] ?? 0;
    const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3);
    const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10);
    w.push((((w[t - 16] ?? 0) + s0) | 0) + (((w[t - 7] ?? 0) + s1) | 0) | 0);
  }
  let a = hash[0] ?? 0;
  let b = hash[1] ?? 0;
  let c = hash[2] ?? 0;
  let d = hash[3] ?? 0;
  let e = hash[4] ?? 0;
  let f = hash[5] ?? 0;
  let g = hash[6] ?? 0;
  let h = hash[7] ?? 0;
  for (const t of ROUND_INDEXES) {
    const s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
    // (NOT e) AND g, written with XOR because APPSYNC_JS has no `~`.
    const choice = (e & f) ^ ((e ^ 0xffffffff) & g);
    const temp1 = (((h + s1) | 0) + ((choice + (K[t] ?? 0)) | 0) + (w[t] ?? 0)) | 0;
    const s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
    const majority = (a & b) ^ (a & c) ^ (b & c);
    const temp2 = (s0 + majority) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + temp1) | 0;
    d = c;
    c = b;
    b = a;
    a = (temp1 + temp2) | 0;
  }
  const next = [a, b, c, d, e, f, g, h];
  next.forEach((word, index) => {
    hash[index] = ((hash[index] ?? 0) + word) | 0;
  });
}

/** SHA-256 of a byte array, as 32 bytes. */
export function sha256Bytes(message: number[]): number[] {
  const padded = pad(message);
  const hash = INITIAL_HASH.slice();
  const blockOffsets = padded
    .filter((_, index) => index % SHA256_BLOCK_BYTES === 0)
    .map((_, block) => block * SHA256_BLOCK_BYTES);
  for (const offset of blockOffsets) compressBlock(hash, padded, offset);
  const digest: number[] = [];
  for (const word of hash) digest.push((word >>> 24) & 0xff, (word >>> 16) & 0xff, (word >>> 8) & 0xff, word & 0xff);
  return digest;
}

/**
 * SHA-256 of the UTF-8 bytes of a string, as lowercase hex.
 *
 * @example sha256Hex('abc') // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export function sha256Hex(message: string): string {
  return bytesToHex(sha256Bytes(utf8Encode(message)));
}
