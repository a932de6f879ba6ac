/**
 * A pool's password policy, checked as Cognito checks it, with its messages (`Password did not conform with policy:
 * …`, one reason: the first that fails in Cognito's order — length, then lower case, upper case, digits, symbols).
 */
import { randomInt } from 'node:crypto';
import type { UserPoolConfig } from '../../stack-description.ts';
import { CognitoError } from './errors.ts';

/** Cognito's special characters (and the space, allowed inside a password). */
const SYMBOLS = `^$*.[]{}()?"!@#%&/\\,><':;|_~\`=+- `;

/** @throws CognitoError InvalidPasswordException naming the first rule `password` breaks. */
export function checkPasswordPolicy(password: string, policy: UserPoolConfig['passwordPolicy']): void {
  const fail = (reason: string) => new CognitoError('InvalidPasswordException', `Password did not conform with policy: ${reason}`);
  if (password.length < policy.minimumLength) throw fail('Password not long enough');
  if (policy.requireLowercase && !/[a-z]/.test(password)) throw fail('Password must have lowercase characters');
  if (policy.requireUppercase && !/[A-Z]/.test(password)) throw fail('Password must have uppercase characters');
  if (policy.requireNumbers && !/[0-9]/.test(password)) throw fail('Password must have numeric characters');
  if (policy.requireSymbols && ![...password].some((c) => SYMBOLS.includes(c) && c !== ' ')) throw fail('Password must have symbol characters');
}

/** A temporary password (AdminCreateUser without one) that satisfies `policy`: CSPRNG-drawn, one of each class. */
export function generateTemporaryPassword(policy: UserPoolConfig['passwordPolicy']): string {
  const classes = ['abcdefghijkmnopqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '^$*.!@#%&'];
  const all = classes.join('');
  const chars = classes.map((set) => set[randomInt(set.length)]!);
  while (chars.length < Math.max(policy.minimumLength, 12)) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
