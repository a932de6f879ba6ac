/**
 * Global and per-recipient-domain send budgets of `generateOtp`: the circuit breaker that keeps a flood of requests
 * for many different addresses from exhausting the SES quota, the bill or the sender's reputation, where the
 * per-mailbox limits cannot (each address is new). Counted per minute, in `generateOtp`'s transaction.
 *
 * Items (keys and shapes: infra/model):
 * - `BUDGET#GLOBAL#<minuteStart>#<shard>` and `BUDGET#DOMAIN#<domain>#<minuteStart>#<shard>`: `count` of codes.
 *
 * Every generateOtp writes one global and one domain counter inside a transaction, and concurrent transactions on
 * one item conflict. So a large budget is spread over shards (each counts its share; the session id, a random UUID,
 * picks the shard): the sum never exceeds the budget by more than the rounding of the shares, and two concurrent
 * requests rarely meet on one item. A small budget keeps one shard, so it is exact.
 */
import { POLICY_DEFAULTS, domainBudgetPk, globalBudgetPk, smsCountryBudgetPk, smsGlobalBudgetPk } from '../../infra/model/index.ts';
import { readPositiveInt } from './config.ts';
import type { TransactWriteEntry } from './send-limit-writes.ts';
import { windowStartOf } from './send-limits.ts';

/** The budgets count per fixed minute, aligned to the epoch. */
export const BUDGET_WINDOW_SECONDS = 60;
/** A shard should hold at least this much of a budget; fewer shards keep small budgets exact. */
const MIN_SHARE_PER_SHARD = 25;
/** At most this many shards. */
const MAX_SHARDS = 16;
const HEX_DIGITS = '0123456789abcdef';

/** The configured budgets (codes per minute). */
export interface SendBudgets {
  globalPerMinute: number;
  domainPerMinute: number;
}

/** Reads the budgets from `ctx.env`; malformed or zero values fall back to the defaults. */
export function readSendBudgets(env: Readonly<Record<string, string | undefined>>): SendBudgets {
  return {
    globalPerMinute: readPositiveInt(env, 'OTP_GLOBAL_SENDS_PER_MINUTE', POLICY_DEFAULTS.globalSendsPerMinute),
    domainPerMinute: readPositiveInt(env, 'OTP_DOMAIN_SENDS_PER_MINUTE', POLICY_DEFAULTS.domainSendsPerMinute),
  };
}

/** How a budget is split: the number of shards and what each may count. */
export interface BudgetSplit {
  shards: number;
  perShard: number;
}

/**
 * Splits a budget into shards of at least {@link MIN_SHARE_PER_SHARD} codes, at most {@link MAX_SHARDS}.
 *
 * @example splitBudget(300) // { shards: 12, perShard: 25 }
 */
export function splitBudget(budget: number): BudgetSplit {
  const shards = Math.max(1, Math.min(MAX_SHARDS, Math.floor(budget / MIN_SHARE_PER_SHARD)));
  return { shards, perShard: Math.ceil(budget / shards) };
}

/**
 * The shard a request counts on, from the first two hex digits of its (random) session id: 256 values spread over
 * at most 16 shards evenly enough (one digit would give some shards twice the traffic of others).
 */
export function shardOf(sessionId: string, shards: number): number {
  const high = HEX_DIGITS.indexOf(sessionId.charAt(0).toLowerCase());
  const low = HEX_DIGITS.indexOf(sessionId.charAt(1).toLowerCase());
  return (Math.max(high, 0) * 16 + Math.max(low, 0)) % shards;
}

/** The end (epoch seconds) of the budget minute containing `nowSeconds`: when a full budget opens again. */
export function budgetWindowEnd(nowSeconds: number): number {
  return windowStartOf(nowSeconds, BUDGET_WINDOW_SECONDS) + BUDGET_WINDOW_SECONDS;
}

function countInBudget(tableName: string, pk: string, windowEnd: number, perShard: number): TransactWriteEntry {
  return {
    table: tableName,
    operation: 'UpdateItem',
    key: { pk: { S: pk } },
    update: {
      expression: 'ADD #count :one SET expiresAt = :windowEnd',
      expressionNames: { '#count': 'count' },
      expressionValues: { ':one': { N: 1 }, ':windowEnd': { N: windowEnd } },
    },
    condition: {
      expression: 'attribute_not_exists(pk) OR #count < :max',
      expressionNames: { '#count': 'count' },
      expressionValues: { ':max': { N: perShard } },
      returnValuesOnConditionCheckFailure: false,
    },
  };
}

/**
 * The two transaction entries that count one send in the global budget and in the recipient domain's budget.
 * Neither needs its old item on a refusal: a full budget opens again at the end of the minute.
 */
export function countInBudgets(
  tableName: string,
  input: { sessionId: string; domain: string; nowSeconds: number },
  budgets: SendBudgets,
): [TransactWriteEntry, TransactWriteEntry] {
  const minuteStart = windowStartOf(input.nowSeconds, BUDGET_WINDOW_SECONDS);
  const global = splitBudget(budgets.globalPerMinute);
  const domain = splitBudget(budgets.domainPerMinute);
  const windowEnd = budgetWindowEnd(input.nowSeconds);
  return [
    countInBudget(tableName, globalBudgetPk(minuteStart, shardOf(input.sessionId, global.shards)), windowEnd, global.perShard),
    countInBudget(
      tableName,
      domainBudgetPk(input.domain, minuteStart, shardOf(input.sessionId, domain.shards)),
      windowEnd,
      domain.perShard,
    ),
  ];
}

/**
 * The SMS channel's budgets count per fixed hour, aligned to the epoch: SMS pumping is paid per text, and an hour
 * bounds what one burst costs while a minute would let a patient attacker spread the same spend out.
 */
export const SMS_BUDGET_WINDOW_SECONDS = 3600;

/** The configured SMS budgets (codes per hour). */
export interface SmsBudgets {
  globalPerHour: number;
  countryPerHour: number;
}

/** Reads the SMS budgets from `ctx.env`; malformed or zero values fall back to the defaults. */
export function readSmsBudgets(env: Readonly<Record<string, string | undefined>>): SmsBudgets {
  return {
    globalPerHour: readPositiveInt(env, 'OTP_SMS_GLOBAL_SENDS_PER_HOUR', POLICY_DEFAULTS.smsGlobalSendsPerHour),
    countryPerHour: readPositiveInt(env, 'OTP_SMS_COUNTRY_SENDS_PER_HOUR', POLICY_DEFAULTS.smsCountrySendsPerHour),
  };
}

/** The end (epoch seconds) of the SMS budget hour containing `nowSeconds`. */
export function smsBudgetWindowEnd(nowSeconds: number): number {
  return windowStartOf(nowSeconds, SMS_BUDGET_WINDOW_SECONDS) + SMS_BUDGET_WINDOW_SECONDS;
}

/**
 * The two transaction entries that count one SMS in the global SMS budget and in the destination country's, sharded
 * like the email budgets.
 */
export function countInSmsBudgets(
  tableName: string,
  input: { sessionId: string; country: string; nowSeconds: number },
  budgets: SmsBudgets,
): [TransactWriteEntry, TransactWriteEntry] {
  const hourStart = windowStartOf(input.nowSeconds, SMS_BUDGET_WINDOW_SECONDS);
  const global = splitBudget(budgets.globalPerHour);
  const country = splitBudget(budgets.countryPerHour);
  const windowEnd = smsBudgetWindowEnd(input.nowSeconds);
  return [
    countInBudget(tableName, smsGlobalBudgetPk(hourStart, shardOf(input.sessionId, global.shards)), windowEnd, global.perShard),
    countInBudget(
      tableName,
      smsCountryBudgetPk(input.country, hourStart, shardOf(input.sessionId, country.shards)),
      windowEnd,
      country.perShard,
    ),
  ];
}
