/**
 * Mutation.generateOtp (unit resolver, DynamoDB data source): creates a PENDING session, within the mailbox's send
 * limits, its failure budget and the service's send budgets. The email Lambda, fed by the table's stream, then
 * draws the code, stores its KMS MAC and sends it.
 *
 * The session is bound to an audience (lib/audience.ts): the caller's, if it may name it, or the API's default.
 * Step-up (lib/caller.ts): a user signed in to the API's Cognito user pool gets the code at the email of their ID token
 * and the session is bound to them (`userSub`), so only they can verify it; API-key and IAM callers name the address.
 *
 * One TransactWriteItems (lib/send-refusal.ts's sendTransaction): [put the session, count it in the mailbox's window, mark the mailbox's cooldown, check the
 * mailbox is not locked, count it in this minute's global budget, and in the recipient domain's]. Either all are
 * written or none, so a refused request writes nothing and (no session INSERT on the stream) sends no email. The
 * answers depend only on the limits, never on whether the address had a session before.
 *
 * Limits are keyed on the canonical mailbox (lib/mailbox.ts), so `bob+1@x` and `b.ob@gmail.com` share `bob`'s
 * limits; the email goes to the address as given. The API's resolver count limit (1) keeps one request from
 * starting more than one verification through aliased fields.
 */
import { util, type Context, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import type { GuardItem, RateItem } from '../infra/model/index.ts';
import type { MutationGenerateOtpArgs, OtpSession } from './generated/schema.ts';
import { AUDIENCE_ERROR_TYPE, chooseAudience } from './lib/audience.ts';
import { chooseDestination, signedInUser } from './lib/caller.ts';
import { readOtpConfig } from './lib/config.ts';
import { readLocale } from './lib/input.ts';
import { canonicalMailbox, mailboxDomain } from './lib/mailbox.ts';
import { MAILBOX_LOCKED_MESSAGE } from './lib/mailbox-guard.ts';
import { budgetWindowEnd, countInBudgets, readSendBudgets } from './lib/send-budgets.ts';
import { BUDGET_MESSAGE, RATE_LIMIT_MESSAGE, readSendLimits } from './lib/send-limits.ts';
import { refuseIfLimited, sendTransaction, startedSession, type SendStash } from './lib/send-refusal.ts';
import { newSessionAttributes } from './lib/session.ts';
import type { TransactWriteResult } from './lib/transact.ts';

export function request(ctx: Context<MutationGenerateOtpArgs, SendStash>): DynamoDBTransactWriteItemsRequest {
  const { tableName, ttlSeconds } = readOtpConfig(ctx.env);
  // Checked before anything is written: a refused destination, locale or audience writes nothing and sends nothing.
  const destination = chooseDestination(ctx.args.email, signedInUser(util.authType(), ctx.identity));
  if (!destination.ok) util.error(destination.message, destination.errorType);
  const email = destination.email;
  const locale = readLocale(ctx.args.locale);
  const choice = chooseAudience(ctx.args.audience, util.authType() === 'IAM Authorization', ctx.env);
  if (!choice.ok) util.error(choice.refused, AUDIENCE_ERROR_TYPE);
  const mailbox = canonicalMailbox(email);
  const nowMillis = util.time.nowEpochMilliSeconds();
  const nowSeconds = Math.floor(nowMillis / 1000);
  const stash = { sessionId: util.autoId(), nowSeconds, expiresAt: nowSeconds + ttlSeconds };
  Object.assign(ctx.stash, stash);
  return sendTransaction({
    tableName,
    stash,
    sessionAttributes: newSessionAttributes({
      sessionId: stash.sessionId,
      email,
      mailbox,
      userSub: destination.userSub,
      audience: choice.audience,
      locale,
      nowMillis,
      expiresAt: stash.expiresAt,
    }),
    destination: mailbox,
    limits: readSendLimits(ctx.env),
    budgets: countInBudgets(tableName, { sessionId: stash.sessionId, domain: mailboxDomain(mailbox), nowSeconds }, readSendBudgets(ctx.env)),
  });
}

export function response(
  ctx: Context<MutationGenerateOtpArgs, SendStash, undefined, undefined, TransactWriteResult<RateItem | GuardItem> | null>,
): OtpSession {
  const limits = readSendLimits(ctx.env);
  const { nowSeconds } = ctx.stash;
  refuseIfLimited(ctx.result, nowSeconds, limits, {
    lockedMessage: MAILBOX_LOCKED_MESSAGE,
    limitMessage: RATE_LIMIT_MESSAGE,
    budgetMessage: BUDGET_MESSAGE,
    budgetWindowEnd: budgetWindowEnd(nowSeconds),
  });
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return startedSession(ctx.stash, limits);
}
