/**
 * The server half of Cognito's SRP-6a: B for PASSWORD_VERIFIER, then the check of the client's
 * PASSWORD_CLAIM_SIGNATURE. Cognito's variant (as AWS's clients compute it): u = H(pad(A) | pad(B)),
 * S = (A · v^u)^b mod N, the password key = HKDF-SHA256(ikm = pad(S), salt = pad(u), info = "Caldera Derived Key")
 * cut to 16 bytes, and the signature = HMAC-SHA256(key, poolName | userIdForSrp | SECRET_BLOCK bytes | TIMESTAMP).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { g, hexHash, k, modPow, N, padHex } from './srp-group.ts';

const INFO = Buffer.from('Caldera Derived Key', 'utf8');

/** The server's ephemeral pair for one sign-in: b stays in the auth session, B goes to the client as SRP_B. */
export interface ServerEphemeral {
  b: bigint;
  B: bigint;
}

/** A fresh (b, B = k·v + g^b mod N) for `verifier`; B mod N is never 0. */
export function serverEphemeral(verifier: bigint): ServerEphemeral {
  for (;;) {
    const b = BigInt(`0x${randomBytes(32).toString('hex')}`);
    const B = (k * verifier + modPow(g, b, N)) % N;
    if (B !== 0n) return { b, B };
  }
}

/** The 16-byte password key both ends derive; null when A is 0 mod N or u is 0 (the proof must then fail). */
export function passwordKey(A: bigint, ephemeral: ServerEphemeral, verifier: bigint): Buffer | null {
  if (A % N === 0n) return null;
  const u = BigInt(`0x${hexHash(padHex(A) + padHex(ephemeral.B))}`);
  if (u === 0n) return null;
  const S = modPow(A * modPow(verifier, u, N), ephemeral.b, N);
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex')).update(Buffer.from(padHex(S), 'hex')).digest();
  return createHmac('sha256', prk).update(Buffer.concat([INFO, Buffer.from([1])])).digest().subarray(0, 16);
}

/** What PASSWORD_CLAIM_SIGNATURE (base64) must be. */
export function claimSignature(key: Buffer, poolName: string, userIdForSrp: string, secretBlock: Buffer, timestamp: string): Buffer {
  return createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(poolName, 'utf8'), Buffer.from(userIdForSrp, 'utf8'), secretBlock, Buffer.from(timestamp, 'utf8')]))
    .digest();
}

/** Compares a claimed signature (base64 text) with the expected one in constant time. */
export function signatureMatches(claimedBase64: string, expected: Buffer): boolean {
  const claimed = Buffer.from(claimedBase64, 'base64');
  return claimed.length === expected.length && timingSafeEqual(claimed, expected);
}
