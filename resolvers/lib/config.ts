/**
 * The resolvers' configuration, read from AppSync environment variables (`ctx.env`, strings only), with the
 * policy's defaults (infra/model/policy.ts) when a variable is absent or not a positive whole number.
 */
import { POLICY_DEFAULTS } from '../../infra/model/index.ts';

const DIGITS = '0123456789';

/**
 * A positive whole number from an environment variable, or `fallback` when it is absent, blank, zero or not made
 * of ASCII digits only (a misconfiguration must not disable the limits it configures).
 *
 * @example readPositiveInt({ OTP_MAX_ATTEMPTS: '3' }, 'OTP_MAX_ATTEMPTS', 5) // 3
 */
export function readPositiveInt(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number): number {
  const text = (env[name] ?? '').trim();
  const chars = text.split('');
  // 15 digits stay exact in a double; longer values are configuration mistakes.
  if (chars.length === 0 || chars.length > 15 || !chars.every((char) => DIGITS.indexOf(char) >= 0)) return fallback;
  const value = chars.reduce((total, char) => total * 10 + DIGITS.indexOf(char), 0);
  return value > 0 ? value : fallback;
}

/** What the OTP resolvers need from `ctx.env`. */
export interface OtpConfig {
  tableName: string;
  ttlSeconds: number;
  maxAttempts: number;
  retentionSeconds: number;
}

/** Reads the OTP configuration, with defaults for the numeric settings. */
export function readOtpConfig(env: Readonly<Record<string, string | undefined>>): OtpConfig {
  return {
    tableName: env.TABLE_NAME ?? '',
    ttlSeconds: readPositiveInt(env, 'OTP_TTL_SECONDS', POLICY_DEFAULTS.codeTtlSeconds),
    maxAttempts: readPositiveInt(env, 'OTP_MAX_ATTEMPTS', POLICY_DEFAULTS.maxAttempts),
    retentionSeconds: readPositiveInt(env, 'OTP_RETENTION_SECONDS', POLICY_DEFAULTS.verifiedRetentionSeconds),
  };
}
