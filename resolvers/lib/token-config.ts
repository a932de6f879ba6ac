/** What the token-signing step reads from `ctx.env` (set by the construct: infra/lib/api-environment.ts). */
import { DEFAULT_AUDIENCE_VARIABLE, POLICY_DEFAULTS, POLICY_RANGES, TOKEN_KEY_ID_VARIABLE, TOKEN_LIFETIME_VARIABLE } from '../../infra/model/index.ts';
import { readPositiveInt } from './config.ts';

export interface TokenConfig {
  /** The signing key's id (also the token's `kid`); empty when the variable is missing: no token is signed then. */
  keyId: string;
  /** `exp - iat`: the configured lifetime, or the default when it is absent or outside the policy's range. */
  lifetimeSeconds: number;
  /** The audience of sessions stored without one (sessions from before audiences existed). */
  defaultAudience: string;
}

/**
 * Reads the token settings. A lifetime outside the policy's range is a misconfiguration and falls back to the
 * default rather than issue tokens that live longer than the construct allows.
 *
 * @example readTokenConfig({ OTP_TOKEN_KEY_ID: 'k', OTP_TOKEN_LIFETIME_SECONDS: '600' }).lifetimeSeconds // 600
 */
export function readTokenConfig(env: Readonly<Record<string, string | undefined>>): TokenConfig {
  const fallback = POLICY_DEFAULTS.tokenLifetimeSeconds;
  const range = POLICY_RANGES.tokenLifetimeSeconds;
  const lifetime = readPositiveInt(env, TOKEN_LIFETIME_VARIABLE, fallback);
  return {
    keyId: (env[TOKEN_KEY_ID_VARIABLE] ?? '').trim(),
    lifetimeSeconds: lifetime < range.min || lifetime > range.max ? fallback : lifetime,
    defaultAudience: env[DEFAULT_AUDIENCE_VARIABLE] ?? '',
  };
}
