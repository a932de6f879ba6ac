import { BRAND_VARIABLE, CODE_MAC_KEY_VARIABLE, MAX_CODE_LENGTH, MIN_CODE_LENGTH, POLICY_DEFAULTS, readBrandVariable } from '../../infra/model/index.ts';
import { SmsConfigurationError } from './errors.ts';
import type { SendOtpSmsConfig } from './types.ts';

/** Reads and checks the function's configuration; throws SmsConfigurationError naming the variable at fault. */
export function readSmsConfig(env: Record<string, string | undefined>): SendOtpSmsConfig {
  const required = (name: string) => {
    const value = env[name]?.trim();
    if (!value) throw new SmsConfigurationError(`Environment variable ${name} is required`);
    return value;
  };
  const lengthText = env.OTP_CODE_LENGTH?.trim();
  const codeLength = lengthText ? Number(lengthText) : POLICY_DEFAULTS.codeLength;
  if (!Number.isInteger(codeLength) || codeLength < MIN_CODE_LENGTH || codeLength > MAX_CODE_LENGTH) {
    throw new SmsConfigurationError(`Environment variable OTP_CODE_LENGTH must be an integer from ${MIN_CODE_LENGTH} to ${MAX_CODE_LENGTH}`);
  }
  let brand;
  try {
    brand = readBrandVariable(env[BRAND_VARIABLE]);
  } catch {
    throw new SmsConfigurationError(`Environment variable ${BRAND_VARIABLE} must be the brand the construct writes (JSON)`);
  }
  const senderId = env.SMS_SENDER_ID?.trim() || undefined;
  const originationNumber = env.SMS_ORIGINATION_NUMBER?.trim() || undefined;
  return {
    tableName: required('TABLE_NAME'),
    codeMacKeyArn: required(CODE_MAC_KEY_VARIABLE),
    codeLength,
    brand,
    ...(senderId ? { senderId } : {}),
    ...(originationNumber ? { originationNumber } : {}),
  };
}
