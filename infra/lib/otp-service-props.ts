import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib/core';
import type { Expiration } from 'aws-cdk-lib/core';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import {
  APP_NAME_MAX_LENGTH,
  AUDIENCE_LIST_SEPARATOR,
  BRAND_DEFAULTS,
  DEFAULT_SUPPRESSION_PERIOD_SECONDS,
  ENVIRONMENT_VALUE_MAX_LENGTH,
  POLICY_DEFAULTS,
  POLICY_RANGES,
  isHexColor,
  isHostName,
  isPublicHttpsUrl,
  isValidAudience,
  SIGN_IN_FLOWS,
  type BrandSettings,
  type SignInFlow,
} from '../model/index.ts';
import { WAF_CHALLENGE_ACTIONS } from './otp-web-acl.ts';
import { DEFAULT_SMS_COUNTRIES, smsEnvironment } from './sms-destinations.ts';
import type { WafChallenge } from './otp-web-acl.ts';

export type { WafChallenge } from './otp-web-acl.ts';

/** Properties of {@link OtpService}. */
export interface OtpServiceProps {
  /** The address the codes are sent from; it (or its domain) must be a verified SES identity. */
  readonly senderEmail: string;
  /**
   * What every message shows of your app: its name (in each subject and SMS), colour, logo, support page, the email's
   * sender name and the web app's host for the SMS's one-time-code line. Messages come in English, German, Spanish and
   * French, chosen by `generateOtp(locale:)`.
   * @default - app name 'OTP', colour '#1d4ed8', no logo (the email then loads no remote resource), no support link
   */
  readonly brand?: OtpBrandProps;
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
   * How long a hard bounce (SES `Permanent`, including `OnAccountSuppressionList`) suppresses a mailbox: no email is
   * sent to it until then (1 to 365 days). Complaints suppress for good (until the `SUPPRESSED#` item is deleted).
   * @default Duration.days(90)
   */
  readonly suppressionPeriod?: Duration;
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
   * Countries `generateSmsOtp` sends to (ISO 3166-1 alpha-2, checked against libphonenumber-js's metadata); numbers
   * of any other country, and numbers that are not mobile numbers of these, are refused with
   * `UnsupportedDestination`. Keep it to where your users are: SMS pumping targets expensive destinations.
   * @default ['US', 'CA', 'GB', 'DE', 'FR', 'ES']
   */
  readonly smsCountries?: string[];
  /**
   * SMS codes the whole service sends per hour, all countries together (1 to 1,000,000): the cap on what a pumping
   * run can cost.
   * @default 500
   */
  readonly smsGlobalSendsPerHour?: number;
  /** SMS codes sent per hour to the numbers of one country (1 to 1,000,000, at most `smsGlobalSendsPerHour`). @default 200 */
  readonly smsCountrySendsPerHour?: number;
  /**
   * Sender ID of the texts (`AWS.SNS.SMS.SenderID`, 3 to 11 letters and digits with at least one letter), where the
   * destination country supports (and may require registering) one.
   * @default - none (the account's default sender ID, if any)
   */
  readonly smsSenderId?: string;
  /**
   * Origination number of the texts (`AWS.MM.SMS.OriginationNumber`, E.164): a number of your account in AWS End
   * User Messaging SMS (a US toll-free or 10DLC number, for instance).
   * @default - none (SNS picks one of the account's origination identities)
   */
  readonly smsOriginationNumber?: string;
  /**
   * The month-to-date SMS spend (USD, SNS's `SMSMonthToDateSpentUSD`) at which an alarm notifies `alarmTopic`.
   * Set it below the account's SNS `MonthlySpendLimit` (README: SMS).
   * @default 100
   */
  readonly smsMonthlySpendAlarmUsd?: number;
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
  /**
   * How long a verification token (`verifyOtp`'s `token`) is accepted after it was issued: its `exp - iat`
   * (1 minute to 1 hour: a token is a bearer proof until it expires).
   * @default Duration.minutes(5)
   */
  readonly tokenLifetime?: Duration;
  /**
   * The KMS key that signs verification tokens: an asymmetric ECC_NIST_P256 key with key usage SIGN_VERIFY, given by
   * its ARN (its key id is the tokens' `kid`). Give one to rotate (README: "Rotating the token signing key").
   * @default - a key the construct creates, retained when removed from the stack
   */
  readonly tokenSigningKey?: kms.IKey;
  /**
   * Keys that signed tokens before `tokenSigningKey` (keys by ARN, not aliases), still listed in the JWKS so the
   * tokens they signed keep verifying until they expire; remove each once `tokenLifetime` has passed since the switch.
   * @default - none
   */
  readonly previousTokenSigningKeys?: kms.IKey[];
  /**
   * The KMS key the codes' MACs are made with (KeySpec HMAC_256, KeyUsage GENERATE_VERIFY_MAC): the email function
   * may GenerateMac with it, the API's KMS data source VerifyMac, nobody anything else. Each session stores the ARN of
   * the key that made its MACs. Give one to rotate (README: "Rotating the code MAC key"); a key's own policy must
   * then let IAM grant its use (KMS's default key policy does).
   * @default - a key the construct creates, with `removalPolicy`, whose key policy lets the account only administer it
   */
  readonly codeMacKey?: kms.IKey;
  /**
   * Keys that made the MACs of codes that may still be pending (keys by ARN, not aliases): the API may still VerifyMac
   * with them. After switching `codeMacKey`, keep the previous key here until one `codeTtl` has passed.
   * @default - none
   */
  readonly previousCodeMacKeys?: kms.IKey[];
  /**
   * Sign-in with Cognito (README: "Sign-in with Cognito"): the OTP as a custom-auth factor of a user pool, through
   * this service's table, policy and email channel. Creates the three custom-auth triggers, a pool unless one is
   * given, and an app client that allows only CUSTOM_AUTH and refresh ({@link OtpService.userPool},
   * {@link OtpService.userPoolClient}).
   * @default - no sign-in factor
   */
  readonly signIn?: OtpSignInProps;
}

/** {@link OtpServiceProps.signIn}. */
export interface OtpSignInProps {
  /**
   * A pool of your own: the construct adds its triggers (a pool has one of each, so it must not have custom-auth
   * triggers yet) and an app client. Users sign in with the email address the pool holds for them.
   * @default - a new pool: email as the sign-in name, no self sign-up (add users with AdminCreateUser), `removalPolicy`
   */
  readonly userPool?: cognito.UserPool;
  /**
   * Which custom-auth flow signs users in: `'mfa'` (CUSTOM_AUTH with SRP_A: the password, then the code),
   * `'passwordless'` (CUSTOM_AUTH without SRP_A: the code alone) or `'either'` (the client chooses). One value for
   * the whole pool: the triggers cannot learn a per-client setting without a dependency cycle (README).
   * @default 'mfa' — a code to an inbox is then a second factor, never the only one, unless you opt in
   */
  readonly flow?: SignInFlow;
}

/** The sign-in flow in effect, checked. @throws Error naming the prop for an unknown flow. */
export function resolveSignInFlow(signIn: OtpSignInProps): SignInFlow {
  const flow = signIn.flow ?? 'mfa';
  if (!(SIGN_IN_FLOWS as readonly string[]).includes(flow)) {
    throw new Error(`OtpService: signIn.flow must be one of ${SIGN_IN_FLOWS.join(', ')}, got '${String(flow)}'`);
  }
  return flow;
}

/** {@link OtpServiceProps.brand}. */
export interface OtpBrandProps {
  /**
   * Your app's name, as messages call it (`123456 is your <appName> verification code`); 1 to 40 characters.
   * @default 'OTP'
   */
  readonly appName?: string;
  /**
   * The code's colour in the HTML email, `#rrggbb`.
   * @default '#1d4ed8'
   */
  readonly color?: string;
  /** HTTPS URL of a logo shown above the code (about 240 × 80 px; the app name is its alternative text). */
  readonly logoUrl?: string;
  /** HTTPS URL of a help page, linked from every email. */
  readonly supportUrl?: string;
  /**
   * The display name of the email's sender (`"Acme" <no-reply@acme.example>`); 1 to 64 characters.
   * @default - the bare address
   */
  readonly senderName?: string;
  /** The web app's host name (`app.acme.example`) for SMS codes' last line `@host #code` (WebOTP, iOS and Android autofill). */
  readonly webOtpDomain?: string;
}

/** {@link OtpServiceProps} with defaults applied, durations in seconds. */
export interface ResolvedOtpServiceProps {
  readonly senderEmail: string;
  readonly brand: BrandSettings;
  readonly codeLength: number;
  readonly codeTtlSeconds: number;
  readonly suppressionPeriodSeconds: number;
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
  readonly smsCountries: readonly string[];
  readonly smsGlobalSendsPerHour: number;
  readonly smsCountrySendsPerHour: number;
  readonly smsSenderId?: string;
  readonly smsOriginationNumber?: string;
  readonly smsMonthlySpendAlarmUsd: number;
  readonly apiName: string;
  readonly removalPolicy: RemovalPolicy;
  readonly enableWaf: boolean;
  readonly wafRequestsPer5Minutes: number;
  readonly wafGenerateOtpRequestsPer5Minutes: number;
  readonly wafChallenge: WafChallenge;
  readonly allowedAudiences: readonly string[];
  readonly tokenLifetimeSeconds: number;
}

/** Values used when a prop is omitted: the policy's (infra/model/policy.ts), durations as CDK Durations. */
export const OTP_SERVICE_DEFAULTS = {
  brand: BRAND_DEFAULTS,
  codeLength: POLICY_DEFAULTS.codeLength,
  codeTtl: Duration.seconds(POLICY_DEFAULTS.codeTtlSeconds),
  suppressionPeriod: Duration.seconds(DEFAULT_SUPPRESSION_PERIOD_SECONDS),
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
  smsCountries: DEFAULT_SMS_COUNTRIES,
  smsGlobalSendsPerHour: POLICY_DEFAULTS.smsGlobalSendsPerHour,
  smsCountrySendsPerHour: POLICY_DEFAULTS.smsCountrySendsPerHour,
  smsMonthlySpendAlarmUsd: 100,
  apiName: 'otp-api',
  removalPolicy: RemovalPolicy.RETAIN,
  enableWaf: true,
  wafRequestsPer5Minutes: 1000,
  wafGenerateOtpRequestsPer5Minutes: 100,
  wafChallenge: 'NONE',
  tokenLifetime: Duration.seconds(POLICY_DEFAULTS.tokenLifetimeSeconds),
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
    brand: { ...defaults.brand, ...definedOnly(props.brand ?? {}) },
    codeLength: props.codeLength ?? defaults.codeLength,
    codeTtlSeconds: (props.codeTtl ?? defaults.codeTtl).toSeconds(),
    suppressionPeriodSeconds: (props.suppressionPeriod ?? defaults.suppressionPeriod).toSeconds(),
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
    smsCountries: [...(props.smsCountries ?? defaults.smsCountries)],
    smsGlobalSendsPerHour: props.smsGlobalSendsPerHour ?? defaults.smsGlobalSendsPerHour,
    smsCountrySendsPerHour: props.smsCountrySendsPerHour ?? defaults.smsCountrySendsPerHour,
    smsSenderId: props.smsSenderId,
    smsOriginationNumber: props.smsOriginationNumber,
    smsMonthlySpendAlarmUsd: props.smsMonthlySpendAlarmUsd ?? defaults.smsMonthlySpendAlarmUsd,
    apiName: props.apiName ?? defaults.apiName,
    removalPolicy: props.removalPolicy ?? defaults.removalPolicy,
    enableWaf: props.enableWaf ?? defaults.enableWaf,
    wafRequestsPer5Minutes: props.wafRequestsPer5Minutes ?? defaults.wafRequestsPer5Minutes,
    wafGenerateOtpRequestsPer5Minutes: props.wafGenerateOtpRequestsPer5Minutes ?? defaults.wafGenerateOtpRequestsPer5Minutes,
    wafChallenge: props.wafChallenge ?? defaults.wafChallenge,
    allowedAudiences: [...(props.allowedAudiences ?? [])],
    tokenLifetimeSeconds: (props.tokenLifetime ?? defaults.tokenLifetime).toSeconds(),
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
  validateBrand(resolved.brand);
  // Policy floors: with 5 codes per window and a handful of attempts each, every digit less multiplies the odds of
  // a guess by 10, every minute more gives an intercepted or guessed code longer to be used.
  const ranges = POLICY_RANGES;
  requireIntegerInRange('codeLength', resolved.codeLength, ranges.codeLength.min, ranges.codeLength.max,
    'shorter codes are guessable within the attempt limits');
  requireIntegerInRange('codeTtl (seconds)', resolved.codeTtlSeconds, ranges.codeTtlSeconds.min, ranges.codeTtlSeconds.max,
    `a code must not stay valid longer than ${ranges.codeTtlSeconds.max / 60} minutes`);
  requireIntegerInRange('suppressionPeriod (seconds)', resolved.suppressionPeriodSeconds, 86400, 365 * 86400);
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
  requireIntegerInRange('smsGlobalSendsPerHour', resolved.smsGlobalSendsPerHour, ranges.smsGlobalSendsPerHour.min,
    ranges.smsGlobalSendsPerHour.max);
  requireIntegerInRange('smsCountrySendsPerHour', resolved.smsCountrySendsPerHour, ranges.smsCountrySendsPerHour.min,
    Math.min(ranges.smsCountrySendsPerHour.max, resolved.smsGlobalSendsPerHour),
    'one country cannot send more than the whole service (smsGlobalSendsPerHour)');
  // Throws for an unknown or duplicate country and for rules that do not fit AppSync's environment.
  smsEnvironment(resolved.smsCountries);
  if (resolved.smsSenderId !== undefined && !/^(?=.*[A-Za-z])[A-Za-z0-9]{3,11}$/.test(resolved.smsSenderId)) {
    throw new Error(`OtpService: smsSenderId must be 3 to 11 letters and digits with at least one letter, got '${resolved.smsSenderId}'`);
  }
  if (resolved.smsOriginationNumber !== undefined && !/^\+[1-9]\d{4,14}$/.test(resolved.smsOriginationNumber)) {
    throw new Error(`OtpService: smsOriginationNumber must be an E.164 number such as +18005550100, got '${resolved.smsOriginationNumber}'`);
  }
  if (!(resolved.smsMonthlySpendAlarmUsd > 0) || !Number.isFinite(resolved.smsMonthlySpendAlarmUsd)) {
    throw new Error(`OtpService: smsMonthlySpendAlarmUsd must be a positive amount, got ${resolved.smsMonthlySpendAlarmUsd}`);
  }
  requireIntegerInRange('tokenLifetime (seconds)', resolved.tokenLifetimeSeconds, ranges.tokenLifetimeSeconds.min,
    ranges.tokenLifetimeSeconds.max, 'a token is a bearer proof until it expires');
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

function validateBrand(brand: ResolvedOtpServiceProps['brand']): void {
  for (const [name, value] of Object.entries(brand)) {
    // Each value is rendered into messages by the functions, so it must be known at synth time.
    if (typeof value === 'string' && Token.isUnresolved(value)) throw new Error(`OtpService: brand.${name} must be a literal string, not a token`);
  }
  const appName = brand.appName.trim();
  if (appName === '' || appName.length > APP_NAME_MAX_LENGTH || hasControlCharacters(appName)) {
    throw new Error(`OtpService: brand.appName must be 1 to ${APP_NAME_MAX_LENGTH} characters without control characters, got ${JSON.stringify(brand.appName)}`);
  }
  if (!isHexColor(brand.color)) throw new Error(`OtpService: brand.color must be a #rrggbb colour, got ${JSON.stringify(brand.color)}`);
  for (const name of ['logoUrl', 'supportUrl'] as const) {
    const url = brand[name];
    if (url !== undefined && !isPublicHttpsUrl(url)) {
      throw new Error(`OtpService: brand.${name} must be an https:// URL without credentials, got ${JSON.stringify(url)}`);
    }
  }
  const senderName = brand.senderName;
  if (senderName !== undefined && (senderName.trim() === '' || senderName.length > 64 || hasControlCharacters(senderName))) {
    throw new Error(`OtpService: brand.senderName must be 1 to 64 characters without control characters, got ${JSON.stringify(senderName)}`);
  }
  if (brand.webOtpDomain !== undefined && !isHostName(brand.webOtpDomain)) {
    throw new Error(`OtpService: brand.webOtpDomain must be a lower-case host name such as app.example.com, got ${JSON.stringify(brand.webOtpDomain)}`);
  }
}

function hasControlCharacters(text: string): boolean {
  return [...text].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);
}

/** The object without its undefined properties, so spreading it over defaults keeps them. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
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
