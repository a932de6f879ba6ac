/**
 * Send limits of `generateOtp`, per canonical mailbox (see mailbox.ts): at most `maxCodesPerWindow` codes per fixed window of
 * `windowSeconds`, and at least `cooldownSeconds` between two codes. Pure: the resolver passes in the time and the
 * items DynamoDB returned when a condition failed.
 *
 * Items (keys and shapes: infra/model):
 * - `RATE#<mailbox>#<windowStart>`: `count` of codes sent in the window starting at `windowStart` (epoch seconds).
 * - `COOLDOWN#<mailbox>`: `lastSentAt` (epoch seconds) of the latest code.
 */
import { POLICY_DEFAULTS, type RateItem } from '../../infra/model/index.ts';
import { readPositiveInt } from './config.ts';

/** The configured send limits. */
export interface SendLimits {
  maxCodesPerWindow: number;
  windowSeconds: number;
  /** 0 turns the cooldown off (the window limit still applies). */
  cooldownSeconds: number;
}

/**
 * Reads the send limits from `ctx.env`. The cooldown alone may be `0` (explicitly off); every other malformed or
 * zero value falls back to its default, so a typo never disables a limit.
 *
 * @example readSendLimits({ OTP_RESEND_COOLDOWN_SECONDS: '0' }).cooldownSeconds // 0
 */
export function readSendLimits(env: Readonly<Record<string, string | undefined>>): SendLimits {
  const cooldownText = (env.OTP_RESEND_COOLDOWN_SECONDS ?? '').trim();
  return {
    maxCodesPerWindow: readPositiveInt(env, 'OTP_MAX_CODES_PER_WINDOW', POLICY_DEFAULTS.maxCodesPerWindow),
    windowSeconds: readPositiveInt(env, 'OTP_RATE_WINDOW_SECONDS', POLICY_DEFAULTS.rateWindowSeconds),
    cooldownSeconds:
      cooldownText === '0'
        ? 0
        : readPositiveInt(env, 'OTP_RESEND_COOLDOWN_SECONDS', POLICY_DEFAULTS.resendCooldownSeconds),
  };
}

/** Start (epoch seconds) of the fixed window containing `nowSeconds`; windows are aligned to the epoch. */
export function windowStartOf(nowSeconds: number, windowSeconds: number): number {
  return Math.floor(nowSeconds / windowSeconds) * windowSeconds;
}

/** Which limits refused a send (the transaction's cancellation reasons, read by the resolver). */
export interface LimitRefusal {
  /** The window counter's condition failed, with the counter as it was (when DynamoDB returned it). */
  window?: { item: RateItem | null };
  /** The cooldown marker's condition failed. */
  cooldown?: boolean;
  /** A concurrent send for the same address held one of its items (DynamoDB TransactionConflict). */
  conflict?: boolean;
  /** The global or the domain budget of this minute is used up. */
  budget?: { windowEnd: number };
  /** A concurrent send held a budget counter: nothing is used up, a retry a moment later can pass. */
  budgetConflict?: boolean;
}

/** When sending is allowed again, as epoch seconds and as whole seconds from now (at least 1). */
export interface RetryAfter {
  atSeconds: number;
  seconds: number;
}

/**
 * `retryAfter` is rounded up to a multiple of this, so it does not tell when someone last asked for a code or
 * failed one (the times it is derived from).
 */
export const RETRY_ROUNDING_SECONDS = 10;

/**
 * A retry time no earlier than `atSeconds` (and at least a second from now), rounded up to
 * {@link RETRY_ROUNDING_SECONDS}.
 *
 * @example roundedRetry(1003, 1000) // { atSeconds: 1010, seconds: 10 }
 */
export function roundedRetry(atSeconds: number, nowSeconds: number): RetryAfter {
  const earliest = Math.max(atSeconds, nowSeconds + 1);
  const rounded = Math.ceil(earliest / RETRY_ROUNDING_SECONDS) * RETRY_ROUNDING_SECONDS;
  return { atSeconds: rounded, seconds: rounded - nowSeconds };
}

/**
 * When the next send can succeed after a refusal: the latest of the window's end (window refused), a full cooldown
 * from now (cooldown refused or a concurrent send for the address: the previous send's time is not revealed), the
 * end of the budget's minute, and a moment (budget conflict); rounded by {@link roundedRetry}.
 *
 * @example sendAllowedAgain({ cooldown: true }, 110, limits) // { atSeconds: 140, seconds: 30 }
 */
export function sendAllowedAgain(refusal: LimitRefusal, nowSeconds: number, limits: SendLimits): RetryAfter {
  const candidates: number[] = [nowSeconds + 1];
  if (refusal.window) {
    const windowStart = refusal.window.item?.windowStart ?? windowStartOf(nowSeconds, limits.windowSeconds);
    candidates.push(windowStart + limits.windowSeconds);
  }
  if (refusal.cooldown || refusal.conflict) candidates.push(nowSeconds + limits.cooldownSeconds);
  if (refusal.budget) candidates.push(refusal.budget.windowEnd);
  return roundedRetry(Math.max(...candidates), nowSeconds);
}

/** The errorType of a refused send. */
export const RATE_LIMIT_ERROR_TYPE = 'RateLimitExceeded';
/** The message of a refused send: the same for every address, whether it was seen before or not. */
export const RATE_LIMIT_MESSAGE = 'Too many codes requested for this address. Try again later.';
/** The message when the service's global or domain budget refused: it is about everyone, not this address. */
export const BUDGET_MESSAGE = 'Too many codes are being sent right now. Try again later.';
