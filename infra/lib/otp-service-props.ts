import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import type { Expiration } from 'aws-cdk-lib';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { AUDIENCE_LIST_SEPARATOR, DEFAULT_EMAIL_SUBJECT, ENVIRONMENT_VALUE_MAX_LENGTH, POLICY_DEFAULTS, POLICY_RANGES, isValidAudience } from '../model/index.ts';
import { WAF_CHALLENGE_ACTIONS } from './otp-web-acl.ts';
import type { WafChallenge } from './otp-web-acl.ts';

export type { WafChallenge } from './otp-web-acl.ts';

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
   * Number of digits in a code (6 to 10: shorter codes are guessable within the attempt limits).
   * @default 6
   */
  readonly codeLength?: number;
  /**
   * How long a code is accepted after it was requested (1 to 15 minutes).
   * @default Duration.minutes(5)
   */
  readonly codeTtl?: Duration;
  /**
   * Wrong codes allowed per session before it locks (1 to 10).
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
   * Wrong codes one mailbox may collect, across all its sessions, within `failureWindow` before it locks
   * (1 to 100: NIST SP 800-63B allows at most 100 failed attempts per account).
   * @default 20
   */
  readonly failureBudget?: number;
  /**
   * The fixed window `failureBudget` counts in (1 minute to 7 days); windows are aligned to the epoch.
   * @default Duration.hours(24)
   */
  readonly failureWindow?: Duration;
  /**
   * How long a mailbox stays locked once it used up `failureBudget`; each further wrong code doubles it, up to
   * `maxLockout` (1 minute to 7 days).
   * @default Duration.minutes(15)
   */
  readonly lockout?: Duration;
  /**
   * The longest lock the doubling reaches (at least `lockout`, at most 7 days).
   * @default Duration.hours(24)
   */
  readonly maxLockout?: Duration;
  /**
   * Codes the whole service sends per minute, all addresses together (1 to 1,000,000): a cap on what a flood of
   * distinct addresses can cost in SES sends and reputation.
   * @default 300
   */
  readonly globalSendsPerMinute?: number;
  /**
   * Codes sent per minute to the addresses of one email domain (1 to 1,000,000, at most `globalSendsPerMinute`).
   * @default 100
   */
  readonly domainSendsPerMinute?: number;
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
   * A table of your own to keep the sessions and counters in, instead of one the construct creates. It must have the
   * partition key `pk` (string) and no sort key, Time to Live on `expiresAt`, and a stream of new and old images
   * (`tableStreamArn` set: import it with `Table.fromTableAttributes({ tableArn, tableStreamArn })`). Its items are the
   * service's alone: the email function's policy is scoped to `SESSION#` items, the API's role to the whole table.
   * @default - a table is created (on-demand, point-in-time recovery, AWS-managed encryption)
   */
  readonly existingTable?: dynamodb.ITable;
  /**
   * What happens to the table (and its sessions) when the construct is removed from the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Put an AWS WAF web ACL (per-IP rate limits plus the AWS managed common rule set) in front of the API.
   * @default true
   */
  readonly enableWaf?: boolean;
  /**
   * Requests one client IP may make in any 5-minute window before WAF blocks it (10 to 2,000,000,000).
   * @default 1000
   */
  readonly wafRequestsPer5Minutes?: number;
  /**
   * Requests whose body names `generateOtp` one client IP may make in any 5-minute window before WAF applies
   * `wafChallenge` (or blocks) (10 to 2,000,000,000, at most `wafRequestsPer5Minutes`).
   * @default 100
   */
  readonly wafGenerateOtpRequestsPer5Minutes?: number;
  /**
   * What WAF does to `generateOtp` requests past `wafGenerateOtpRequestsPer5Minutes`: block them (`'NONE'`), or
   * let a browser through once it solved a CAPTCHA (`'CAPTCHA'`) or a silent JavaScript challenge (`'CHALLENGE'`).
   * Clients that are not browsers (backend services, scripts) can solve neither and are stopped as if blocked, and
   * a single-page app gets the puzzle only if it integrates AWS WAF's JavaScript SDK (web/ does not).
   * @default 'NONE'
   */
  readonly wafChallenge?: WafChallenge;
  /**
   * Topic the dead-letter-queue alarms notify (alarm state only).
   * @default - the alarms have no actions
   */
  readonly alarmTopic?: ITopic;
  /**
   * Audiences (relying parties) that API-key callers may name in `generateOtp(audience)`, besides the default (the
   * service's own, {@link OtpService.defaultAudience}). IAM callers may name any. Each is 1 to 256 printable
   * characters without a comma.
   * @default - none: API-key callers get the default audience only
   */
  readonly allowedAudiences?: string[];
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
  readonly failureBudget: number;
  readonly failureWindowSeconds: number;
  readonly lockoutSeconds: number;
  readonly maxLockoutSeconds: number;
  readonly globalSendsPerMinute: number;
  readonly domainSendsPerMinute: number;
  readonly apiName: string;
  readonly removalPolicy: RemovalPolicy;
  readonly enableWaf: boolean;
  readonly wafRequestsPer5Minutes: number;
  readonly wafGenerateOtpRequestsPer5Minutes: number;
  readonly wafChallenge: WafChallenge;
  readonly allowedAudiences: readonly string[];
}

/** Values used when a prop is omitted: the policy's (infra/model/policy.ts), durations as CDK Durations. */
export const OTP_SERVICE_DEFAULTS = {
  emailSubject: DEFAULT_EMAIL_SUBJECT,
  codeLength: POLICY_DEFAULTS.codeLength,
  codeTtl: Duration.seconds(POLICY_DEFAULTS.codeTtlSeconds),
  maxAttempts: POLICY_DEFAULTS.maxAttempts,
  verifiedRetention: Duration.seconds(POLICY_DEFAULTS.verifiedRetentionSeconds),
  maxCodesPerWindow: POLICY_DEFAULTS.maxCodesPerWindow,
  rateWindow: Duration.seconds(POLICY_DEFAULTS.rateWindowSeconds),
  resendCooldown: Duration.seconds(POLICY_DEFAULTS.resendCooldownSeconds),
  failureBudget: POLICY_DEFAULTS.failureBudget,
  failureWindow: Duration.seconds(POLICY_DEFAULTS.failureWindowSeconds),
  lockout: Duration.seconds(POLICY_DEFAULTS.lockoutSeconds),
  maxLockout: Duration.seconds(POLICY_DEFAULTS.maxLockoutSeconds),
  globalSendsPerMinute: POLICY_DEFAULTS.globalSendsPerMinute,
  domainSendsPerMinute: POLICY_DEFAULTS.domainSendsPerMinute,
  apiName: 'otp-api',
  removalPolicy: RemovalPolicy.RETAIN,
  enableWaf: true,
  wafRequestsPer5Minutes: 1000,
  wafGenerateOtpRequestsPer5Minutes: 100,
  wafChallenge: 'NONE',
} as const satisfies Partial<Record<keyof OtpServiceProps, unknown>>;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const API_NAME_PATTERN = /^[A-Za-z0-9_\- ]{1,65536}$/;
/** WAF's bounds for a rate-based rule's Limit. */
const WAF_RATE_LIMIT = { min: 10, max: 2_000_000_000 } as const;

/**
 * Applies defaults and rejects props that would deploy a broken or unsafe service.
 * @throws Error naming the offending prop.
 */
export function resolveOtpServiceProps(props: OtpServiceProps): ResolvedOtpServiceProps {
  const defaults = OTP_SERVICE_DEFAULTS;
  const resolved: ResolvedOtpServiceProps = {
    senderEmail: props.senderEmail,
    emailSubject: props.emailSubject ?? defaults.emailSubject,
    codeLength: props.codeLength ?? defaults.codeLength,
    codeTtlSeconds: (props.codeTtl ?? defaults.codeTtl).toSeconds(),
    maxAttempts: props.maxAttempts ?? defaults.maxAttempts,
    verifiedRetentionSeconds: (props.verifiedRetention ?? defaults.verifiedRetention).toSeconds(),
    maxCodesPerWindow: props.maxCodesPerWindow ?? defaults.maxCodesPerWindow,
    rateWindowSeconds: (props.rateWindow ?? defaults.rateWindow).toSeconds(),
    resendCooldownSeconds: (props.resendCooldown ?? defaults.resendCooldown).toSeconds(),
    failureBudget: props.failureBudget ?? defaults.failureBudget,
    failureWindowSeconds: (props.failureWindow ?? defaults.failureWindow).toSeconds(),
    lockoutSeconds: (props.lockout ?? defaults.lockout).toSeconds(),
    maxLockoutSeconds: (props.maxLockout ?? defaults.maxLockout).toSeconds(),
    globalSendsPerMinute: props.globalSendsPerMinute ?? defaults.globalSendsPerMinute,
    domainSendsPerMinute: props.domainSendsPerMinute ?? defaults.domainSendsPerMinute,
    apiName: props.apiName ?? defaults.apiName,
    removalPolicy: props.removalPolicy ?? defaults.removalPolicy,
    enableWaf: props.enableWaf ?? defaults.enableWaf,
    wafRequestsPer5Minutes: props.wafRequestsPer5Minutes ?? defaults.wafRequestsPer5Minutes,
    wafGenerateOtpRequestsPer5Minutes: props.wafGenerateOtpRequestsPer5Minutes ?? defaults.wafGenerateOtpRequestsPer5Minutes,
    wafChallenge: props.wafChallenge ?? defaults.wafChallenge,
    allowedAudiences: [...(props.allowedAudiences ?? [])],
  };
  validate(resolved);
  return resolved;
}

function validate(resolved: ResolvedOtpServiceProps): void {
  // The values end up as AppSync environment variables and Lambda config, both plain strings: tokens
  // (deploy-time values) cannot be checked here, so only literal values are validated.
  if (!Token.isUnresolved(resolved.senderEmail) && !EMAIL_PATTERN.test(resolved.senderEmail)) {
    throw new Error(`OtpService: senderEmail must be an email address, got '${resolved.senderEmail}'`);
  }
  if (!Token.isUnresolved(resolved.emailSubject) && resolved.emailSubject.trim() === '') {
    throw new Error('OtpService: emailSubject must not be empty');
  }
  // Policy floors: with 5 codes per window and a handful of attempts each, every digit less multiplies the odds of
  // a guess by 10, every minute more gives an intercepted or guessed code longer to be used.
  const ranges = POLICY_RANGES;
  requireIntegerInRange('codeLength', resolved.codeLength, ranges.codeLength.min, ranges.codeLength.max,
    'shorter codes are guessable within the attempt limits');
  requireIntegerInRange('codeTtl (seconds)', resolved.codeTtlSeconds, ranges.codeTtlSeconds.min, ranges.codeTtlSeconds.max,
    `a code must not stay valid longer than ${ranges.codeTtlSeconds.max / 60} minutes`);
  requireIntegerInRange('maxAttempts', resolved.maxAttempts, ranges.maxAttempts.min, ranges.maxAttempts.max,
    'each attempt is one more guess at the code');
  requireIntegerInRange('maxCodesPerWindow', resolved.maxCodesPerWindow, ranges.maxCodesPerWindow.min, ranges.maxCodesPerWindow.max);
  requireIntegerInRange('rateWindow (seconds)', resolved.rateWindowSeconds, ranges.rateWindowSeconds.min, ranges.rateWindowSeconds.max);
  requireIntegerInRange('resendCooldown (seconds)', resolved.resendCooldownSeconds, ranges.resendCooldownSeconds.min,
    Math.min(ranges.resendCooldownSeconds.max, resolved.rateWindowSeconds));
  requireIntegerInRange('failureBudget', resolved.failureBudget, ranges.failureBudget.min, ranges.failureBudget.max,
    `NIST SP 800-63B allows at most ${ranges.failureBudget.max} failed attempts per account`);
  requireIntegerInRange('failureWindow (seconds)', resolved.failureWindowSeconds, ranges.failureWindowSeconds.min,
    ranges.failureWindowSeconds.max);
  requireIntegerInRange('lockout (seconds)', resolved.lockoutSeconds, ranges.lockoutSeconds.min, ranges.lockoutSeconds.max);
  requireIntegerInRange('maxLockout (seconds)', resolved.maxLockoutSeconds, Math.max(ranges.maxLockoutSeconds.min, resolved.lockoutSeconds),
    ranges.maxLockoutSeconds.max, 'the doubling starts at lockout');
  requireIntegerInRange('globalSendsPerMinute', resolved.globalSendsPerMinute, ranges.globalSendsPerMinute.min,
    ranges.globalSendsPerMinute.max);
  requireIntegerInRange('domainSendsPerMinute', resolved.domainSendsPerMinute, ranges.domainSendsPerMinute.min,
    Math.min(ranges.domainSendsPerMinute.max, resolved.globalSendsPerMinute),
    'one domain cannot send more than the whole service (globalSendsPerMinute)');
  requireIntegerInRange('wafRequestsPer5Minutes', resolved.wafRequestsPer5Minutes, WAF_RATE_LIMIT.min, WAF_RATE_LIMIT.max);
  requireIntegerInRange('wafGenerateOtpRequestsPer5Minutes', resolved.wafGenerateOtpRequestsPer5Minutes, WAF_RATE_LIMIT.min,
    resolved.wafRequestsPer5Minutes, 'it is the tighter limit, for the one operation that sends email');
  if (!(WAF_CHALLENGE_ACTIONS as readonly string[]).includes(resolved.wafChallenge)) {
    throw new Error(`OtpService: wafChallenge must be one of ${WAF_CHALLENGE_ACTIONS.join(', ')}, got '${resolved.wafChallenge}'`);
  }
  if (resolved.verifiedRetentionSeconds < resolved.codeTtlSeconds) {
    throw new Error(
      `OtpService: verifiedRetention (${resolved.verifiedRetentionSeconds}s) must be at least codeTtl (${resolved.codeTtlSeconds}s)`,
    );
  }
  for (const audience of resolved.allowedAudiences) {
    // The list travels comma-separated in one environment variable (OTP_ALLOWED_AUDIENCES).
    if (Token.isUnresolved(audience)) throw new Error('OtpService: allowedAudiences must be literal strings, not tokens');
    if (!isValidAudience(audience) || audience.includes(AUDIENCE_LIST_SEPARATOR)) {
      throw new Error(
        `OtpService: each of allowedAudiences must be 1 to 256 printable characters without '${AUDIENCE_LIST_SEPARATOR}', got ${JSON.stringify(audience)}`,
      );
    }
  }
  const joined = resolved.allowedAudiences.join(AUDIENCE_LIST_SEPARATOR);
  if (joined.length > ENVIRONMENT_VALUE_MAX_LENGTH) {
    throw new Error(
      `OtpService: allowedAudiences joined with '${AUDIENCE_LIST_SEPARATOR}' must fit AppSync's ${ENVIRONMENT_VALUE_MAX_LENGTH}-character environment value, got ${joined.length}`,
    );
  }
  if (!Token.isUnresolved(resolved.apiName) && !API_NAME_PATTERN.test(resolved.apiName)) {
    throw new Error(`OtpService: apiName may contain letters, digits, spaces, '_' and '-' only, got '${resolved.apiName}'`);
  }
}

/** @param why appended to the message when given: the reason for a bound that is policy rather than a service limit. */
function requireIntegerInRange(name: string, value: number, min: number, max: number, why?: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`OtpService: ${name} must be an integer from ${min} to ${max}, got ${value}${why ? `: ${why}` : ''}`);
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
