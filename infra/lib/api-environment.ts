import { ALLOWED_AUDIENCES_VARIABLE, AUDIENCE_LIST_SEPARATOR, DEFAULT_AUDIENCE_VARIABLE, TOKEN_KEY_ID_VARIABLE, TOKEN_LIFETIME_VARIABLE } from '../model/index.ts';
import type { ResolvedOtpServiceProps } from './otp-service-props.ts';
import { smsEnvironment } from './sms-destinations.ts';

/**
 * The AppSync environment variable holding the ARN of the role of the function that publishes verification events,
 * so `publishOtpVerified` can tell it from every other IAM caller. Set once that function exists (see OtpService).
 */
export const PUBLISHER_ROLE_ARN_VARIABLE = 'OTP_PUBLISHER_ROLE_ARN';


/**
 * The AppSync environment variables the resolvers read (`ctx.env`): the settings as strings (AppSync environment
 * values are strings), the table's name and the audiences. No secret: codes are checked by KMS (VerifyMac) with the
 * key each session names. The names are the resolvers' contract:
 * change them only together with resolvers/.
 */
export function apiEnvironment(
  settings: ResolvedOtpServiceProps,
  resources: { tableName: string; defaultAudience: string },
): Record<string, string> {
  return {
    TABLE_NAME: resources.tableName,
    [DEFAULT_AUDIENCE_VARIABLE]: resources.defaultAudience,
    // Left out when empty (AppSync's environment values are not meant to be empty); absent means none allowed.
    ...(settings.allowedAudiences.length > 0
      ? { [ALLOWED_AUDIENCES_VARIABLE]: settings.allowedAudiences.join(AUDIENCE_LIST_SEPARATOR) }
      : {}),
    OTP_TTL_SECONDS: String(settings.codeTtlSeconds),
    OTP_MAX_ATTEMPTS: String(settings.maxAttempts),
    OTP_RETENTION_SECONDS: String(settings.verifiedRetentionSeconds),
    OTP_CODE_LENGTH: String(settings.codeLength),
    OTP_MAX_CODES_PER_WINDOW: String(settings.maxCodesPerWindow),
    OTP_RATE_WINDOW_SECONDS: String(settings.rateWindowSeconds),
    OTP_RESEND_COOLDOWN_SECONDS: String(settings.resendCooldownSeconds),
    OTP_FAILURE_BUDGET: String(settings.failureBudget),
    OTP_FAILURE_WINDOW_SECONDS: String(settings.failureWindowSeconds),
    OTP_LOCKOUT_SECONDS: String(settings.lockoutSeconds),
    OTP_MAX_LOCKOUT_SECONDS: String(settings.maxLockoutSeconds),
    OTP_GLOBAL_SENDS_PER_MINUTE: String(settings.globalSendsPerMinute),
    OTP_DOMAIN_SENDS_PER_MINUTE: String(settings.domainSendsPerMinute),
    OTP_SMS_GLOBAL_SENDS_PER_HOUR: String(settings.smsGlobalSendsPerHour),
    OTP_SMS_COUNTRY_SENDS_PER_HOUR: String(settings.smsCountrySendsPerHour),
    // The allowed countries' calling codes and mobile-number patterns, from libphonenumber-js (sms-destinations.ts).
    ...smsEnvironment(settings.smsCountries),
  };
}

/**
 * The AppSync environment variables of verification tokens (resolvers/lib/token-config.ts): the signing key's id
 * (also the tokens' `kid`) and the tokens' lifetime.
 */
export function tokenEnvironment(settings: ResolvedOtpServiceProps, signingKeyId: string): Record<string, string> {
  return {
    [TOKEN_KEY_ID_VARIABLE]: signingKeyId,
    [TOKEN_LIFETIME_VARIABLE]: String(settings.tokenLifetimeSeconds),
  };
}
