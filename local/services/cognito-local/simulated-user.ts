/**
 * What a pool answers about a user that does not exist when the client prevents user existence errors: the same
 * salt and internal user id for the same name every time (RFC 5054's simulated response, as Cognito's guide
 * describes), derived from the pool's secret, so the first step of a sign-in looks the same for every name and only
 * the proof fails. The id is a UUID where internal usernames are UUIDs (email or phone as username), else the name.
 */
import { createHmac } from 'node:crypto';
import type { LocalUserPool } from './local-pool.ts';
import { g, modPow, N, padHex } from './srp/srp-group.ts';
import type { PasswordVerifier } from './srp/password-verifier.ts';

const derive = (pool: LocalUserPool, purpose: string, name: string) => createHmac('sha256', pool.secret).update(`${purpose}\u0000${name}`).digest();

export function simulatedUserId(pool: LocalUserPool, signInName: string): string {
  if (pool.config.usernameAttributes.length === 0) return signInName;
  const hex = derive(pool, 'user-id', signInName).toString('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A stable salt and a verifier no password matches (its exponent is a secret of the pool). */
export function simulatedVerifier(pool: LocalUserPool, signInName: string): PasswordVerifier {
  const salt = derive(pool, 'salt', signInName).subarray(0, 16).toString('hex');
  const exponent = BigInt(`0x${derive(pool, 'verifier', signInName).toString('hex')}`);
  return { salt, verifier: padHex(modPow(g, exponent, N)) };
}
