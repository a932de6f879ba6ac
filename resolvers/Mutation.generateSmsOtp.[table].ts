/**
 * Mutation.generateSmsOtp (unit resolver, DynamoDB data source): the SMS twin of generateOtp. Creates a PENDING SMS
 * session (`channel: SMS`) within the number's send limits, its failure budget and the SMS budgets; the SMS Lambda,
 * fed by the table's stream, then draws the code, stores its MAC and sends it through SNS.
 *
 * The number is normalized to E.164 and checked against the allowed countries' mobile-number patterns
 * (libphonenumber-js's metadata, passed by the construct: lib/phone.ts). Malformed: BadRequest; a country that is
 * not allowed, or not a mobile number of one: UnsupportedDestination. Either way nothing is written or sent.
 *
 * One TransactWriteItems, laid out like generateOtp's (lib/send-refusal.ts): [put the session, count it in the
 * number's window, mark the number's cooldown, check the number is not locked, count it in this hour's global SMS
 * budget, and in the destination country's]. Every per-person limit is keyed on the E.164 number, so
 * `+1 (415) 555-0123` and `+14155550123` share one limit.
 */
import { util, type Context, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import type { GuardItem, RateItem } from '../infra/model/index.ts';
import type { MutationGenerateSmsOtpArgs, OtpSession } from './generated/schema.ts';
import { AUDIENCE_ERROR_TYPE, chooseAudience } from './lib/audience.ts';
import { readOtpConfig } from './lib/config.ts';
import { readLocale } from './lib/input.ts';
import { checkPhoneNumber, readSmsCountryRules } from './lib/phone.ts';
import { countInSmsBudgets, readSmsBudgets, smsBudgetWindowEnd } from './lib/send-budgets.ts';
import { readSendLimits } from './lib/send-limits.ts';
import { refuseIfLimited, sendTransaction, startedSession, type SendStash } from './lib/send-refusal.ts';
import { newSmsSessionAttributes } from './lib/session.ts';
import type { TransactWriteResult } from './lib/transact.ts';

export function request(ctx: Context<MutationGenerateSmsOtpArgs, SendStash>): DynamoDBTransactWriteItemsRequest {
  const { tableName, ttlSeconds } = readOtpConfig(ctx.env);
  // Checked before anything is written: a refused number, locale or audience writes nothing and sends nothing.
  const number = checkPhoneNumber(ctx.args.phoneNumber, readSmsCountryRules(ctx.env), (pattern, text) => util.matches(pattern, text));
  if (!number.ok) util.error(number.message, number.errorType);
  const phoneNumber = number.ok ? number.e164 : '';
  const country = number.ok ? number.country : '';
  const locale = readLocale(ctx.args.locale);
  const choice = chooseAudience(ctx.args.audience, util.authType() === 'IAM Authorization', ctx.env);
  if (!choice.ok) util.error(choice.refused, AUDIENCE_ERROR_TYPE);
  const nowMillis = util.time.nowEpochMilliSeconds();
  const nowSeconds = Math.floor(nowMillis / 1000);
  const stash = { sessionId: util.autoId(), nowSeconds, expiresAt: nowSeconds + ttlSeconds };
  Object.assign(ctx.stash, stash);
  return sendTransaction({
    tableName,
    stash,
    sessionAttributes: newSmsSessionAttributes({ sessionId: stash.sessionId, phoneNumber, country, audience: choice.audience, locale, nowMillis, expiresAt: stash.expiresAt }),
    destination: phoneNumber,
    limits: readSendLimits(ctx.env),
    budgets: countInSmsBudgets(tableName, { sessionId: stash.sessionId, country, nowSeconds }, readSmsBudgets(ctx.env)),
  });
}

export function response(
  ctx: Context<MutationGenerateSmsOtpArgs, SendStash, undefined, undefined, TransactWriteResult<RateItem | GuardItem> | null>,
): OtpSession {
  const limits = readSendLimits(ctx.env);
  const { nowSeconds } = ctx.stash;
  refuseIfLimited(ctx.result, nowSeconds, limits, {
    lockedMessage: 'Too many wrong codes for this number. Try again later.',
    limitMessage: 'Too many codes requested for this number. Try again later.',
    budgetMessage: 'Too many text messages are being sent right now. Try again later.',
    budgetWindowEnd: smsBudgetWindowEnd(nowSeconds),
  });
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return startedSession(ctx.stash, limits);
}
