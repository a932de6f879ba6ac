/**
 * The PASSWORD_VERIFIER step, shared by USER_SRP_AUTH and CUSTOM_AUTH with SRP_A: the challenge (SALT, SRP_B,
 * SECRET_BLOCK, USER_ID_FOR_SRP, USERNAME) with the server's state kept in the session, and the check of the
 * client's proof. A user that does not exist (existence errors prevented) gets a simulated challenge whose proof
 * always fails.
 */
import { randomBytes } from 'node:crypto';
import type { AuthSession } from '../auth-sessions.ts';
import { CognitoError, invalidParameter } from '../errors.ts';
import type { LocalUserPool } from '../local-pool.ts';
import { simulatedVerifier } from '../simulated-user.ts';
import { parseHex } from '../srp/srp-group.ts';
import { claimSignature, passwordKey, serverEphemeral, signatureMatches } from '../srp/srp-server.ts';
import { isSrpTimestamp, TIMESTAMP_FORMAT_MESSAGE } from '../srp/srp-timestamp.ts';
import type { StoredUser } from '../users.ts';

/** SRP_A of AuthParameters as a number. @throws CognitoError InvalidParameterException */
export function parseSrpA(value: string | undefined): bigint {
  if (value === undefined) throw invalidParameter('Missing required parameter SRP_A');
  const A = parseHex(value);
  // Wording ours: Cognito's text for a malformed A is not documented.
  if (A === null) throw invalidParameter('SRP_A must be a hexadecimal number.');
  return A;
}

/**
 * Puts the SRP state for `A` into `session` and returns the PASSWORD_VERIFIER challenge parameters.
 * `user` undefined: the simulated challenge of a nonexistent user.
 */
export function passwordVerifierChallenge(pool: LocalUserPool, session: AuthSession, user: StoredUser | undefined, A: bigint): Record<string, string> {
  const stored = user?.password ?? simulatedVerifier(pool, session.signInName);
  const verifier = parseHex(stored.verifier)!;
  const ephemeral = serverEphemeral(verifier);
  const secretBlock = randomBytes(96);
  session.srp = { A, ephemeral, secretBlock, verifier };
  session.expected = 'PASSWORD_VERIFIER';
  return {
    SALT: stored.salt,
    SECRET_BLOCK: secretBlock.toString('base64'),
    SRP_B: ephemeral.B.toString(16),
    USERNAME: session.userId,
    USER_ID_FOR_SRP: session.userId,
  };
}

/**
 * Whether the client's answer proves the password. Malformed answers are refused with InvalidParameterException
 * (Cognito's TIMESTAMP message); a wrong proof is just false.
 */
export function passwordProven(pool: LocalUserPool, session: AuthSession, responses: Record<string, string>): boolean {
  const { PASSWORD_CLAIM_SIGNATURE: signature, PASSWORD_CLAIM_SECRET_BLOCK: block, TIMESTAMP: timestamp } = responses;
  if (signature === undefined) throw invalidParameter('Missing required parameter PASSWORD_CLAIM_SIGNATURE');
  if (block === undefined) throw invalidParameter('Missing required parameter PASSWORD_CLAIM_SECRET_BLOCK');
  if (timestamp === undefined) throw invalidParameter('Missing required parameter TIMESTAMP');
  if (!isSrpTimestamp(timestamp)) throw invalidParameter(TIMESTAMP_FORMAT_MESSAGE);
  const srp = session.srp;
  if (!srp) throw new CognitoError('NotAuthorizedException', 'Invalid session for the user.');
  if (session.userNotFound || block !== srp.secretBlock.toString('base64')) return false;
  const key = passwordKey(srp.A, srp.ephemeral, srp.verifier);
  if (!key) return false;
  return signatureMatches(signature, claimSignature(key, pool.srpPoolName, session.userId, srp.secretBlock, timestamp));
}

