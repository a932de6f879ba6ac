/**
 * What a custom challenge carries: the public parameters (to the client) and the challenge metadata (kept by Cognito
 * for the next triggers of the same sign-in). The session id travels only in the metadata and the private
 * parameters; the code travels nowhere (the email function sends it).
 */
import { SIGN_IN_CHALLENGE_PARAMETERS as NAMES } from '../../../infra/model/index.ts';
import { epochSecondsToIso } from '../../../resolvers/lib/time.ts';

/** The challenge metadata naming a sign-in's OTP session. */
const SESSION_METADATA_PREFIX = 'OTP_SESSION#';
/**
 * The metadata of a challenge for a user that does not exist (no session, no email): when its made-up code
 * "expires", so every challenge of that sign-in shows the same time, as a real session's do.
 */
const NO_SESSION_METADATA_PREFIX = 'OTP_NO_SESSION#';

export function noSessionMetadata(expiresAt: number): string {
  return `${NO_SESSION_METADATA_PREFIX}${expiresAt}`;
}

/** The made-up expiry of a no-session challenge's metadata, or null. */
export function noSessionExpiry(metadata: string | null | undefined): number | null {
  if (typeof metadata !== 'string' || !metadata.startsWith(NO_SESSION_METADATA_PREFIX)) return null;
  const expiresAt = Number(metadata.slice(NO_SESSION_METADATA_PREFIX.length));
  return Number.isSafeInteger(expiresAt) ? expiresAt : null;
}

export function sessionMetadata(sessionId: string): string {
  return `${SESSION_METADATA_PREFIX}${sessionId}`;
}

/** The session id a challenge's metadata names, or null (no session: an unknown user, or not ours). */
export function sessionIdOfMetadata(metadata: string | null | undefined): string | null {
  return typeof metadata === 'string' && metadata.startsWith(SESSION_METADATA_PREFIX) ? metadata.slice(SESSION_METADATA_PREFIX.length) : null;
}

/** The public challenge parameters: names in infra/model/sign-in.ts, every value a string (Cognito's maps are). */
export function publicChallengeParameters(input: { expiresAt: number; codeLength: number; attemptsRemaining: number }): Record<string, string> {
  return {
    [NAMES.expiresAt]: epochSecondsToIso(input.expiresAt),
    [NAMES.codeLength]: String(input.codeLength),
    [NAMES.attemptsRemaining]: String(Math.max(0, input.attemptsRemaining)),
  };
}
