/**
 * The codes a session holds, as verifyOtp checks them: each stored MAC with the key that made it. Pure, for the
 * APPSYNC_JS steps that count an attempt (1-countAttempt) and check its code (checkCode).
 */
import type { StoredCodes } from '../../infra/model/index.ts';

/** One stored code to check: its MAC (base64) and the ARN of the KMS key to verify it with. Never the code. */
export interface CodeToCheck {
  mac: string;
  keyId: string;
}

/**
 * The session's codes, each with the key that made its MAC. An entry without a key (a hash stored before codes were
 * MAC'd by KMS) cannot be checked and is left out, so it never verifies.
 *
 * @example codesToCheck({ 'bWFj': { keyId: 'arn:aws:kms:…:key/1', issuedAt: 1 } }) // [{ mac: 'bWFj', keyId: 'arn:…/1' }]
 */
export function codesToCheck(codes: StoredCodes | null | undefined): CodeToCheck[] {
  return Object.entries(codes ?? {})
    .filter(([, stored]) => typeof stored === 'object' && stored !== null && typeof stored.keyId === 'string' && stored.keyId !== '')
    .map(([mac, stored]) => ({ mac, keyId: stored.keyId }));
}
