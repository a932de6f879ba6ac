import {
  BRAND_VARIABLE,
  CODE_MAC_KEY_VARIABLE,
  MAX_CODE_LENGTH,
  MIN_CODE_LENGTH,
  POLICY_DEFAULTS,
  readBrandVariable,
  type BrandSettings,
} from '../../infra/model/index.ts';
import { ConfigurationError } from './errors.ts';
import type { SendOtpEmailConfig } from './types.ts';

/**
 * Reads and checks the function's configuration; absent settings take the service's policy defaults. A code length
 * outside the policy's range (e.g. a hand-edited environment) stops the function rather than send guessable codes.
 *
 * @example
 * ```ts
 * const config = readConfig(process.env); // throws ConfigurationError naming the variable at fault
 * ```
 */
export function readConfig(env: Record<string, string | undefined>): SendOtpEmailConfig {
  return {
    tableName: required(env, 'TABLE_NAME'),
    codeMacKeyArn: required(env, CODE_MAC_KEY_VARIABLE),
    senderEmail: required(env, 'SENDER_EMAIL'),
    codeLength: integer(env, 'OTP_CODE_LENGTH', POLICY_DEFAULTS.codeLength, MIN_CODE_LENGTH, MAX_CODE_LENGTH),
    ttlSeconds: integer(env, 'OTP_TTL_SECONDS', POLICY_DEFAULTS.codeTtlSeconds, 1, Number.MAX_SAFE_INTEGER),
    brand: brand(env),
    ...(env.SES_CONFIGURATION_SET?.trim() ? { configurationSetName: env.SES_CONFIGURATION_SET.trim() } : {}),
  };
}

function brand(env: Record<string, string | undefined>): BrandSettings {
  try {
    return readBrandVariable(env[BRAND_VARIABLE]);
  } catch {
    throw new ConfigurationError(`Environment variable ${BRAND_VARIABLE} must be the brand the construct writes (JSON)`);
  }
}

function required(env: Record<string, string | undefined>, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigurationError(`Environment variable ${name} is required`);
  return value;
}

function integer(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigurationError(`Environment variable ${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}
