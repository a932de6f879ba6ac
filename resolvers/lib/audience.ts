/**
 * Which audience a `generateOtp` call gets. IAM callers (backend services, trusted) may name any valid audience;
 * API-key callers (browsers, anyone holding the public key) only the default or one the construct's
 * `allowedAudiences` lists, so a page cannot start a session bound to a relying party that did not opt in.
 */
import {
  ALLOWED_AUDIENCES_VARIABLE,
  AUDIENCE_LIST_SEPARATOR,
  AUDIENCE_MAX_LENGTH,
  DEFAULT_AUDIENCE_VARIABLE,
  isValidAudience,
} from '../../infra/model/index.ts';

/** The errorType of a refused audience (DESIGN's BadRequest: bad input, nothing written). */
export const AUDIENCE_ERROR_TYPE = 'BadRequest';

/** The chosen audience, or why the request is refused (a message for humans). */
export type AudienceChoice = { ok: true; audience: string } | { ok: false; refused: string };

/**
 * The audiences API-key callers may name besides the default: OTP_ALLOWED_AUDIENCES split on commas, blanks and
 * invalid entries dropped (a misconfiguration must not widen what is allowed).
 */
export function allowedAudiences(env: Readonly<Record<string, string | undefined>>): string[] {
  return (env[ALLOWED_AUDIENCES_VARIABLE] ?? '').split(AUDIENCE_LIST_SEPARATOR).filter((entry) => entry !== '' && isValidAudience(entry));
}

/**
 * The audience for a new session. `requested` null/undefined means the default; the default itself must be set
 * (a missing OTP_DEFAULT_AUDIENCE refuses rather than store an empty audience).
 *
 * @example chooseAudience('https://a.example', false, { OTP_DEFAULT_AUDIENCE: 'api' }) // { ok: false, refused: '…' }
 */
export function chooseAudience(
  requested: string | null | undefined,
  isIamCaller: boolean,
  env: Readonly<Record<string, string | undefined>>,
): AudienceChoice {
  const fallback = env[DEFAULT_AUDIENCE_VARIABLE] ?? '';
  if (requested === null || requested === undefined) {
    return isValidAudience(fallback) ? { ok: true, audience: fallback } : { ok: false, refused: 'The API has no default audience configured.' };
  }
  if (!isValidAudience(requested)) return { ok: false, refused: `The audience must be 1 to ${AUDIENCE_MAX_LENGTH} printable characters.` };
  if (isIamCaller || requested === fallback || allowedAudiences(env).indexOf(requested) >= 0) return { ok: true, audience: requested };
  return { ok: false, refused: 'This audience is not allowed for this caller.' };
}
