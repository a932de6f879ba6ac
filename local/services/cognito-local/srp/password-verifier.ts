/**
 * What the local pool keeps of a password: Cognito's SRP salt and verifier v = g^x mod N, with
 * x = H(pad(salt) | H(poolName | userIdForSrp | ":" | password)), never the password itself. USER_SRP_AUTH proves
 * the password against v without sending it; USER_PASSWORD_AUTH (and the tests' raw calls) recompute v from the
 * password it sends and compare. `poolName` is the part of the pool id after the underscore, `userIdForSrp` the
 * user's internal username (a UUID when email or phone number is the username), as the clients compute it.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { g, hexHash, modPow, N, padHex, sha256Hex } from './srp-group.ts';

/** A stored password: both hex. */
export interface PasswordVerifier {
  salt: string;
  verifier: string;
}

/** x for a salt (hex) and the password of `userIdForSrp` in pool `poolName`. */
export function privateKeyOf(saltHex: string, poolName: string, userIdForSrp: string, password: string): bigint {
  const inner = sha256Hex(`${poolName}${userIdForSrp}:${password}`);
  return BigInt(`0x${hexHash(padHex(BigInt(`0x${saltHex}`)) + inner)}`);
}

/** A fresh salt and the verifier of `password`. */
export function createPasswordVerifier(poolName: string, userIdForSrp: string, password: string): PasswordVerifier {
  const salt = randomBytes(16).toString('hex');
  const verifier = modPow(g, privateKeyOf(salt, poolName, userIdForSrp, password), N);
  return { salt, verifier: padHex(verifier) };
}

/** Whether `password` is the one `stored` was made from (compared in constant time). */
export function passwordMatches(stored: PasswordVerifier, poolName: string, userIdForSrp: string, password: string): boolean {
  const candidate = Buffer.from(padHex(modPow(g, privateKeyOf(stored.salt, poolName, userIdForSrp, password), N)), 'hex');
  const expected = Buffer.from(stored.verifier, 'hex');
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}
