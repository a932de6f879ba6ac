/**
 * The service's policy: every default and every allowed range, in one place. The construct applies the defaults to
 * omitted props and refuses values out of range; the resolvers and the email Lambda fall back to the same defaults
 * when a setting is absent or malformed (a misconfiguration must not disable a limit); the web app and the tests
 * read them instead of repeating the numbers. Durations are whole seconds.
 *
 * Bundled into the APPSYNC_JS resolvers: plain literals only (no computed values), so esbuild drops what a resolver
 * does not use. Durations: 60 a minute, 3600 an hour, 86400 a day, 604800 a week.
 */

/** The policy settings that have a default (the construct's props, durations in seconds). */
export interface PolicySettings {
  /** Digits in a code. */
  codeLength: number;
  /** How long a code is accepted after it was requested. */
  codeTtlSeconds: number;
  /** Attempts per session; the last one locks it. */
  maxAttempts: number;
  /** How long a verified session stays readable through `Query.verification`. */
  verifiedRetentionSeconds: number;
  /** Codes per mailbox within one send window. */
  maxCodesPerWindow: number;
  /** The fixed send window, aligned to the epoch. */
  rateWindowSeconds: number;
  /** Least time between two codes to one mailbox; 0 turns it off. */
  resendCooldownSeconds: number;
  /** Wrong codes per mailbox, across its sessions, within `failureWindowSeconds` before it locks. */
  failureBudget: number;
  /** The fixed window the failure budget counts in. */
  failureWindowSeconds: number;
  /** The first lock; each further wrong code doubles it. */
  lockoutSeconds: number;
  /** The longest lock the doubling reaches. */
  maxLockoutSeconds: number;
  /** Codes per minute for the whole service. */
  globalSendsPerMinute: number;
  /** Codes per minute to one recipient domain. */
  domainSendsPerMinute: number;
  /** How long a verification token is accepted after it was issued (`exp - iat`). */
  tokenLifetimeSeconds: number;
  /** SMS codes per hour for the whole service (all countries). */
  smsGlobalSendsPerHour: number;
  /** SMS codes per hour to the numbers of one country. */
  smsCountrySendsPerHour: number;
}

/** What the service does when a setting is not given. */
export const POLICY_DEFAULTS: Readonly<PolicySettings> = {
  codeLength: 6,
  codeTtlSeconds: 300, // 5 minutes
  maxAttempts: 5,
  verifiedRetentionSeconds: 86400, // 24 hours
  maxCodesPerWindow: 5,
  rateWindowSeconds: 900, // 15 minutes
  resendCooldownSeconds: 30,
  failureBudget: 20,
  failureWindowSeconds: 86400, // 24 hours
  lockoutSeconds: 900, // 15 minutes
  maxLockoutSeconds: 86400, // 24 hours
  globalSendsPerMinute: 300,
  domainSendsPerMinute: 100,
  tokenLifetimeSeconds: 300, // 5 minutes
  // A pumping run against allowed countries costs at most this many texts an hour (about $5 at US rates).
  smsGlobalSendsPerHour: 500,
  smsCountrySendsPerHour: 200,
};

/** The shortest code the service sends: every digit less multiplies the odds of a guess within the attempt limits by 10. */
export const MIN_CODE_LENGTH = 6;
/** The longest code the service sends; also keeps `10 ** length` far below `crypto.randomInt`'s 2^48 range limit. */
export const MAX_CODE_LENGTH = 10;

/** Inclusive bounds of a setting. */
export interface PolicyRange {
  min: number;
  max: number;
}

/**
 * The values the construct accepts. Some settings are also bounded by another (checked where both are known):
 * `resendCooldownSeconds` ≤ `rateWindowSeconds`, `maxLockoutSeconds` ≥ `lockoutSeconds`,
 * `domainSendsPerMinute` ≤ `globalSendsPerMinute`, `smsCountrySendsPerHour` ≤ `smsGlobalSendsPerHour`, `verifiedRetentionSeconds` ≥ `codeTtlSeconds`.
 */
export const POLICY_RANGES: Readonly<Record<Exclude<keyof PolicySettings, 'verifiedRetentionSeconds'>, PolicyRange>> = {
  codeLength: { min: MIN_CODE_LENGTH, max: MAX_CODE_LENGTH },
  // A code must not stay valid long enough for an intercepted or guessed one to be used later.
  codeTtlSeconds: { min: 60, max: 900 },
  // Each attempt is one more guess at the code.
  maxAttempts: { min: 1, max: 10 },
  maxCodesPerWindow: { min: 1, max: 1000 },
  rateWindowSeconds: { min: 60, max: 86400 },
  resendCooldownSeconds: { min: 0, max: 3600 },
  // NIST SP 800-63B §5.2.2: no more than 100 consecutive failed attempts on a single account.
  failureBudget: { min: 1, max: 100 },
  failureWindowSeconds: { min: 60, max: 604800 },
  lockoutSeconds: { min: 60, max: 604800 },
  maxLockoutSeconds: { min: 60, max: 604800 },
  globalSendsPerMinute: { min: 1, max: 1000000 },
  domainSendsPerMinute: { min: 1, max: 1000000 },
  // A token is a bearer proof until it expires: long enough to reach the relying party's backend, no longer.
  tokenLifetimeSeconds: { min: 60, max: 3600 },
  smsGlobalSendsPerHour: { min: 1, max: 1000000 },
  smsCountrySendsPerHour: { min: 1, max: 1000000 },
};

/**
 * The codes `verifyOtp` accepts as input, in digits after separators are removed: wider than the lengths sent,
 * so a deployment can change `codeLength` while codes of the old length are still in inboxes; anything outside is
 * a BadRequest and costs no attempt.
 */
export const ACCEPTED_CODE_DIGITS: Readonly<PolicyRange> = { min: 4, max: 10 };

/**
 * Most codes valid at once on one session. The email Lambda adds a code beside the others instead of replacing
 * them (a redelivered stream record must not invalidate a code the user may hold); the bound keeps the odds of
 * guessing a valid code from growing with each redelivery.
 */
export const MAX_CODES_PER_SESSION = 3;
