/**
 * ECDSA on NIST P-256 over a digest the caller computed (KMS Sign/Verify with `MessageType: DIGEST`). node:crypto
 * always hashes what it signs, so signing a given digest needs the curve arithmetic itself; RAW messages go through
 * node:crypto (key-crypto.ts). Plain BigInt Jacobian arithmetic: correct, not constant-time, which is acceptable for
 * a local test double whose keys protect nothing real.
 */
import { randomBytes } from 'node:crypto';

const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** A point in Jacobian coordinates (x = X/Z², y = Y/Z³); Z = 0 is the point at infinity. */
interface Jacobian {
  X: bigint;
  Y: bigint;
  Z: bigint;
}

const mod = (value: bigint, m: bigint): bigint => {
  const r = value % m;
  return r < 0n ? r + m : r;
};

/** value⁻¹ mod m (m prime, value ≠ 0), by the extended Euclidean algorithm. */
function invert(value: bigint, m: bigint): bigint {
  let [a, b, x, y] = [mod(value, m), m, 1n, 0n];
  while (a !== 0n) {
    const q = b / a;
    [a, b] = [b - q * a, a];
    [x, y] = [y - q * x, x];
  }
  return mod(y, m);
}

const INFINITY: Jacobian = { X: 0n, Y: 1n, Z: 0n };

/** The base point. */
const G: Jacobian = {
  X: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
  Y: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
  Z: 1n,
};

/** 2·p for a = −3 (dbl-2001-b). */
function double(p: Jacobian): Jacobian {
  if (p.Z === 0n || p.Y === 0n) return INFINITY;
  const delta = mod(p.Z * p.Z, P);
  const gamma = mod(p.Y * p.Y, P);
  const beta = mod(p.X * gamma, P);
  const alpha = mod(3n * (p.X - delta) * (p.X + delta), P);
  const X = mod(alpha * alpha - 8n * beta, P);
  const Z = mod((p.Y + p.Z) ** 2n - gamma - delta, P);
  const Y = mod(alpha * (4n * beta - X) - 8n * gamma * gamma, P);
  return { X, Y, Z };
}

/** p + q (add-2007-bl). */
function add(p: Jacobian, q: Jacobian): Jacobian {
  if (p.Z === 0n) return q;
  if (q.Z === 0n) return p;
  const z1z1 = mod(p.Z * p.Z, P);
  const z2z2 = mod(q.Z * q.Z, P);
  const u1 = mod(p.X * z2z2, P);
  const u2 = mod(q.X * z1z1, P);
  const s1 = mod(p.Y * q.Z * z2z2, P);
  const s2 = mod(q.Y * p.Z * z1z1, P);
  const h = mod(u2 - u1, P);
  const r = mod(2n * (s2 - s1), P);
  if (h === 0n) return r === 0n ? double(p) : INFINITY;
  const i = mod(4n * h * h, P);
  const j = mod(h * i, P);
  const v = mod(u1 * i, P);
  const X = mod(r * r - j - 2n * v, P);
  const Y = mod(r * (v - X) - 2n * s1 * j, P);
  const Z = mod(((p.Z + q.Z) ** 2n - z1z1 - z2z2) * h, P);
  return { X, Y, Z };
}

function multiply(k: bigint, point: Jacobian): Jacobian {
  let result = INFINITY;
  let addend = point;
  for (let rest = k; rest > 0n; rest >>= 1n) {
    if (rest & 1n) result = add(result, addend);
    addend = double(addend);
  }
  return result;
}

/** The affine x of a finite point. */
function affineX(p: Jacobian): bigint {
  const zInverse = invert(p.Z, P);
  return mod(p.X * zInverse * zInverse, P);
}

const toBigInt = (bytes: Uint8Array): bigint => (bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`));

/** A uniformly random scalar in [1, n−1] (rejection sampling). */
function randomScalar(): bigint {
  for (;;) {
    const k = toBigInt(randomBytes(32));
    if (k > 0n && k < N) return k;
  }
}

/**
 * Signs a 32-byte digest with private scalar `d` (big-endian bytes, the JWK's `d`).
 * @returns (r, s)
 */
export function signDigest(digest: Uint8Array, d: Uint8Array): { r: bigint; s: bigint } {
  const z = toBigInt(digest);
  const secret = toBigInt(d);
  for (;;) {
    const k = randomScalar();
    const r = mod(affineX(multiply(k, G)), N);
    if (r === 0n) continue;
    const s = mod(invert(k, N) * (z + r * secret), N);
    if (s !== 0n) return { r, s };
  }
}

/** Whether (r, s) signs the 32-byte digest for public point (x, y) (big-endian bytes, the JWK's `x` and `y`). */
export function verifyDigest(digest: Uint8Array, signature: { r: bigint; s: bigint }, x: Uint8Array, y: Uint8Array): boolean {
  const { r, s } = signature;
  if (r <= 0n || r >= N || s <= 0n || s >= N) return false;
  const w = invert(s, N);
  const u1 = mod(toBigInt(digest) * w, N);
  const u2 = mod(r * w, N);
  const point = add(multiply(u1, G), multiply(u2, { X: toBigInt(x), Y: toBigInt(y), Z: 1n }));
  return point.Z !== 0n && mod(affineX(point), N) === r;
}
