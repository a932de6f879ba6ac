import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import type { Expiration } from 'aws-cdk-lib';
import type { ITopic } from 'aws-cdk-lib/aws-sns';

/** Properties of {@link OtpService}. */
export interface OtpServiceProps {
  /** The address the codes are sent from; it (or its domain) must be a verified SES identity. */
  readonly senderEmail: string;
  /**
   * Subject line of the email.
   * @default 'Your verification code'
   */
  readonly emailSubject?: string;
  /**
   * Number of digits in a code (4 to 10).
   * @default 6
   */
  readonly codeLength?: number;
  /**
   * How long a code is accepted after it was requested (1 minute to 1 day).
   * @default Duration.minutes(5)
   */
  readonly codeTtl?: Duration;
  /**
   * Wrong codes allowed per session before it locks (1 to 100).
   * @default 5
   */
  readonly maxAttempts?: number;
  /**
   * How long a verified session stays readable through `Query.verification` (at least the code TTL).
   * @default Duration.hours(24)
   */
  readonly verifiedRetention?: Duration;
  /**
   * Codes sent per address (normalized) within one `rateWindow` (1 to 1000).
   * @default 5
   */
  readonly maxCodesPerWindow?: number;
  /**
   * The fixed window `maxCodesPerWindow` counts in (1 minute to 1 day); windows are aligned to the epoch.
   * @default Duration.minutes(15)
   */
  readonly rateWindow?: Duration;
  /**
   * Least time between two codes to the same address (0 turns it off, at most 1 hour and at most `rateWindow`).
   * @default Duration.seconds(30)
   */
  readonly resendCooldown?: Duration;
  /**
   * Name of the AppSync API.
   * @default 'otp-api'
   */
  readonly apiName?: string;
  /**
   * When the default API key expires.
   * @default - AppSync's default, 7 days after deployment
   */
  readonly apiKeyExpiration?: Expiration;
  /**
   * What happens to the table (and its sessions) when the construct is removed from the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Directory the APPSYNC_JS resolvers are bundled into at synth time.
   * @default '<repo>/dist/resolvers'
   */
  readonly resolverBundleDir?: string;
  /**
   * Put an AWS WAF web ACL (per-IP rate limit plus the AWS managed common rule set) in front of the API.
   * @default true
   */
  readonly enableWaf?: boolean;
  /**
   * Requests one client IP may make in any 5-minute window before WAF blocks it (10 to 2,000,000,000).
   * @default 1000
   */
  readonly wafRequestsPer5Minutes?: number;
  /**
   * Topic the dead-letter-queue alarms notify (alarm state only).
   * @default - the alarms have no actions
   */
  readonly alarmTopic?: ITopic;
}

/** {@link OtpServiceProps} with defaults applied, durations in seconds. */
export interface ResolvedOtpServiceProps {
  readonly senderEmail: string;
  readonly emailSubject: string;
  readonly codeLength: number;
  readonly codeTtlSeconds: number;
  readonly maxAttempts: number;
  readonly verifiedRetentionSeconds: number;
  readonly maxCodesPerWindow: number;
  readonly rateWindowSeconds: number;
  readonly resendCooldownSeconds: number;
  readonly apiName: string;
  readonly removalPolicy: RemovalPolicy;
  readonly enableWaf: boolean;
  readonly wafRequestsPer5Minutes: number;
}

/** Values used when a prop is omitted. */
export const OTP_SERVICE_DEFAULTS = {
  emailSubject: 'Your verification code',
  codeLength: 6,
  codeTtl: Duration.minutes(5),
  maxAttempts: 5,
  verifiedRetention: Duration.hours(24),
  maxCodesPerWindow: 5,
  rateWindow: Duration.minutes(15),
  resendCooldown: Duration.seconds(30),
  apiName: 'otp-api',
  removalPolicy: RemovalPolicy.RETAIN,
  enableWaf: true,
  wafRequestsPer5Minutes: 1000,
} as const;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const API_NAME_PATTERN = /^[A-Za-z0-9_\- ]{1,65536}$/;

/**
 * Applies defaults and rejects props that would deploy a broken or unsafe service.
 * @throws Error naming the offending prop.
 */
export function resolveOtpServiceProps(props: OtpServiceProps): ResolvedOtpServiceProps {
  const resolved: ResolvedOtpServiceProps = {
    senderEmail: props.senderEmail,
    emailSubject: props.emailSubject ?? OTP_SERVICE_DEFAULTS.emailSubject,
    codeLength: props.codeLength ?? OTP_SERVICE_DEFAULTS.codeLength,
    codeTtlSeconds: (props.codeTtl ?? OTP_SERVICE_DEFAULTS.codeTtl).toSeconds(),
    maxAttempts: props.maxAttempts ?? OTP_SERVICE_DEFAULTS.maxAttempts,
    verifiedRetentionSeconds: (props.verifiedRetention ?? OTP_SERVICE_DEFAULTS.verifiedRetention).toSeconds(),
    maxCodesPerWindow: props.maxCodesPerWindow ?? OTP_SERVICE_DEFAULTS.maxCodesPerWindow,
    rateWindowSeconds: (props.rateWindow ?? OTP_SERVICE_DEFAULTS.rateWindow).toSeconds(),
    resendCooldownSeconds: (props.resendCooldown ?? OTP_SERVICE_DEFAULTS.resendCooldown).toSeconds(),
    apiName: props.apiName ?? OTP_SERVICE_DEFAULTS.apiName,
    removalPolicy: props.removalPolicy ?? OTP_SERVICE_DEFAULTS.removalPolicy,
    enableWaf: props.enableWaf ?? OTP_SERVICE_DEFAULTS.enableWaf,
    wafRequestsPer5Minutes: props.wafRequestsPer5Minutes ?? OTP_SERVICE_DEFAULTS.wafRequestsPer5Minutes,
  };
  // The values end up as AppSync environment variables and Lambda config, both plain strings: tokens
  // (deploy-time values) cannot be checked here, so only literal values are validated.
  if (!Token.isUnresolved(resolved.senderEmail) && !EMAIL_PATTERN.test(resolved.senderEmail)) {
    throw new Error(`OtpService: senderEmail must be an email address, got '${resolved.senderEmail}'`);
  }
  if (!Token.isUnresolved(resolved.emailSubject) && resolved.emailSubject.trim() === '') {
    throw new Error('OtpService: emailSubject must not be empty');
  }
  requireIntegerInRange('codeLength', resolved.codeLength, 4, 10);
  requireIntegerInRange('codeTtl (seconds)', resolved.codeTtlSeconds, 60, 86_400);
  requireIntegerInRange('maxAttempts', resolved.maxAttempts, 1, 100);
  requireIntegerInRange('maxCodesPerWindow', resolved.maxCodesPerWindow, 1, 1000);
  requireIntegerInRange('rateWindow (seconds)', resolved.rateWindowSeconds, 60, 86_400);
  requireIntegerInRange('resendCooldown (seconds)', resolved.resendCooldownSeconds, 0, Math.min(3600, resolved.rateWindowSeconds));
  // WAF's bounds for a rate-based rule's Limit.
  requireIntegerInRange('wafRequestsPer5Minutes', resolved.wafRequestsPer5Minutes, 10, 2_000_000_000);
  if (resolved.verifiedRetentionSeconds < resolved.codeTtlSeconds) {
    throw new Error(
      `OtpService: verifiedRetention (${resolved.verifiedRetentionSeconds}s) must be at least codeTtl (${resolved.codeTtlSeconds}s)`,
    );
  }
  if (!Token.isUnresolved(resolved.apiName) && !API_NAME_PATTERN.test(resolved.apiName)) {
    throw new Error(`OtpService: apiName may contain letters, digits, spaces, '_' and '-' only, got '${resolved.apiName}'`);
  }
  return resolved;
}

function requireIntegerInRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`OtpService: ${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

/**
 * The SES identities a sender address may be verified as: the address itself and its domain.
 * SES authorizes a send against whichever of them is verified, so the function may use both.
 */
export function sesIdentityNames(senderEmail: string): string[] {
  const domain = senderEmail.slice(senderEmail.lastIndexOf('@') + 1);
  return [senderEmail, domain];
}
