/**
 * Send limits of `generateOtp`, per normalized address: at most `maxCodesPerWindow` codes per fixed window of
 * `windowSeconds`, and at least `cooldownSeconds` between two codes. Pure: the resolver passes in the time and the
 * items DynamoDB returned when a condition failed.
 *
 * Items (same table, partition key `pk`, `expiresAt` is the TTL attribute):
 * - `RATE#<email>#<windowStart>`: `count` of codes sent in the window starting at `windowStart` (epoch seconds).
 * - `COOLDOWN#<email>`: `lastSentAt` (epoch seconds) of the latest code.
 */
import { readPositiveInt } from './config.ts';

/** Defaults used when a variable is absent or malformed. */
export const SEND_LIMIT_DEFAULTS = {
  OTP_MAX_CODES_PER_WINDOW: 5,
  OTP_RATE_WINDOW_SECONDS: 900,
  OTP_RESEND_COOLDOWN_SECONDS: 30,
} as const;

/** The configured send limits. */
export interface SendLimits {
  maxCodesPerWindow: number;
  windowSeconds: number;
  /** 0 turns the cooldown off (the window limit still applies). */
  cooldownSeconds: number;
}

/** Partition-key prefix of window counters. */
export const RATE_KEY_PREFIX = 'RATE#';
/** Partition-key prefix of cooldown markers. */
export const COOLDOWN_KEY_PREFIX = 'COOLDOWN#';

/**
 * Reads the send limits from `ctx.env`. The cooldown alone may be `0` (explicitly off); every other malformed or
 * zero value falls back to its default, so a typo never disables a limit.
 *
 * @example readSendLimits({ OTP_RESEND_COOLDOWN_SECONDS: '0' }).cooldownSeconds // 0
 */
export function readSendLimits(env: Readonly<Record<string, string | undefined>>): SendLimits {
  const cooldownText = (env.OTP_RESEND_COOLDOWN_SECONDS ?? '').trim();
  return {
    maxCodesPerWindow: readPositiveInt(env, 'OTP_MAX_CODES_PER_WINDOW', SEND_LIMIT_DEFAULTS.OTP_MAX_CODES_PER_WINDOW),
    windowSeconds: readPositiveInt(env, 'OTP_RATE_WINDOW_SECONDS', SEND_LIMIT_DEFAULTS.OTP_RATE_WINDOW_SECONDS),
    cooldownSeconds:
      cooldownText === '0'
        ? 0
        : readPositiveInt(env, 'OTP_RESEND_COOLDOWN_SECONDS', SEND_LIMIT_DEFAULTS.OTP_RESEND_COOLDOWN_SECONDS),
  };
}

/** Start (epoch seconds) of the fixed window containing `nowSeconds`; windows are aligned to the epoch. */
export function windowStartOf(nowSeconds: number, windowSeconds: number): number {
  return Math.floor(nowSeconds / windowSeconds) * windowSeconds;
}

/** Partition key of the window counter of `email` (already normalized). */
export function ratePk(email: string, windowStart: number): string {
  return `${RATE_KEY_PREFIX}${email}#${windowStart}`;
}

/** Partition key of the cooldown marker of `email` (already normalized). */
export function cooldownPk(email: string): string {
  return `${COOLDOWN_KEY_PREFIX}${email}`;
}

/** A window counter as AppSync hands it to resolvers. */
export interface RateItem {
  pk: string;
  count: number;
  windowStart: number;
  expiresAt: number;
}

/** A cooldown marker as AppSync hands it to resolvers. */
export interface CooldownItem {
  pk: string;
  lastSentAt: number;
  expiresAt: number;
}

/** Which limit refused a send, with the item that failed its condition (when DynamoDB returned it). */
export interface LimitRefusal {
  /** The window counter's condition failed. */
  window?: { item: RateItem | null };
  /** The cooldown marker's condition failed. */
  cooldown?: { item: CooldownItem | null };
  /** A concurrent send for the same address held one of the items (DynamoDB TransactionConflict). */
  conflict?: boolean;
}

/** When sending is allowed again, as epoch seconds and as whole seconds from now (at least 1). */
export interface RetryAfter {
  atSeconds: number;
  seconds: number;
}

/**
 * When the next send can succeed after a refusal: the later of the window's end (window refused) and the end of the
 * cooldown (cooldown refused). A refused condition without its item (not expected) and a concurrent send fall back
 * to a full cooldown (or window, if the cooldown is off) from now, so a client never retries too early on purpose.
 *
 * @example sendAllowedAgain({ cooldown: { item: { pk, lastSentAt: 100, expiresAt: 130 } } }, 110, limits) // { atSeconds: 130, seconds: 20 }
 */
export function sendAllowedAgain(refusal: LimitRefusal, nowSeconds: number, limits: SendLimits): RetryAfter {
  const candidates: number[] = [];
  if (refusal.window) {
    const windowStart = refusal.window.item?.windowStart ?? windowStartOf(nowSeconds, limits.windowSeconds);
    candidates.push(windowStart + limits.windowSeconds);
  }
  if (refusal.cooldown) {
    const lastSentAt = refusal.cooldown.item?.lastSentAt ?? nowSeconds;
    candidates.push(lastSentAt + limits.cooldownSeconds);
  }
  if (refusal.conflict || candidates.length === 0) {
    candidates.push(nowSeconds + (limits.cooldownSeconds > 0 ? limits.cooldownSeconds : 1));
  }
  const atSeconds = Math.max(...candidates, nowSeconds + 1);
  return { atSeconds, seconds: atSeconds - nowSeconds };
}

/** The errorType of a refused send. */
export const RATE_LIMIT_ERROR_TYPE = 'RateLimitExceeded';
/** The message of a refused send: the same for every address, whether it was seen before or not. */
export const RATE_LIMIT_MESSAGE = 'Too many codes requested for this address. Try again later.';
