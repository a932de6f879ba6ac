/**
 * Mutation.generateOtp (unit resolver, DynamoDB data source): creates a PENDING session, within the mailbox's send
 * limits, its failure budget and the service's send budgets. The email Lambda, fed by the table's stream, then
 * draws the code, stores its HMAC and sends it.
 *
 * The session is bound to an audience (lib/audience.ts): the caller's, if it may name it, or the API's default.
 *
 * One TransactWriteItems: [put the session, count it in the mailbox's window, mark the mailbox's cooldown, check the
 * mailbox is not locked, count it in this minute's global budget, and in the recipient domain's]. Either all are
 * written or none, so a refused request writes nothing and (no session INSERT on the stream) sends no email. The
 * answers depend only on the limits, never on whether the address had a session before.
 *
 * Limits are keyed on the canonical mailbox (lib/mailbox.ts), so `bob+1@x` and `b.ob@gmail.com` share `bob`'s
 * limits; the email goes to the address as given. The API's resolver count limit (1) keeps one request from
 * starting more than one verification through aliased fields.
 */
import { util, type Context, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import { sessionKey, type GuardItem, type RateItem } from '../infra/model/index.ts';
import type { MutationGenerateOtpArgs, OtpSession } from './generated/schema.ts';
import { AUDIENCE_ERROR_TYPE, chooseAudience } from './lib/audience.ts';
import { readOtpConfig } from './lib/config.ts';
import { hasDeliverableLength, normalizeEmail } from './lib/input.ts';
import { canonicalMailbox, mailboxDomain } from './lib/mailbox.ts';
import { MAILBOX_LOCKED_ERROR_TYPE, MAILBOX_LOCKED_MESSAGE, lockedUntil, notLocked } from './lib/mailbox-guard.ts';
import { budgetWindowEnd, countInBudgets, readSendBudgets } from './lib/send-budgets.ts';
import { countInWindow, markSent } from './lib/send-limit-writes.ts';
import {
  RATE_LIMIT_ERROR_TYPE,
  RATE_LIMIT_MESSAGE,
  BUDGET_MESSAGE,
  readSendLimits,
  roundedRetry,
  sendAllowedAgain,
  type RetryAfter,
} from './lib/send-limits.ts';
import { newSessionAttributes } from './lib/session.ts';
import { epochSecondsToIso } from './lib/time.ts';
import { TRANSACTION_CONFLICT, conditionFailure, type TransactWriteResult } from './lib/transact.ts';

/** What request() hands to response(). */
interface GenerateOtpStash {
  sessionId: string;
  nowSeconds: number;
  expiresAt: number;
}

/** Positions in the transaction. */
const RATE_INDEX = 1;
const COOLDOWN_INDEX = 2;
const GUARD_INDEX = 3;
const GLOBAL_BUDGET_INDEX = 4;
const DOMAIN_BUDGET_INDEX = 5;

export function request(ctx: Context<MutationGenerateOtpArgs, GenerateOtpStash>): DynamoDBTransactWriteItemsRequest {
  const { tableName, ttlSeconds } = readOtpConfig(ctx.env);
  const email = normalizeEmail(ctx.args.email);
  if (!hasDeliverableLength(email)) util.error('The email address is too long to deliver to.', 'BadRequest');
  // Checked before anything is written: a refused audience writes nothing and sends nothing. `locale` is reserved
  // (issue 13) and not read yet.
  const choice = chooseAudience(ctx.args.audience, util.authType() === 'IAM Authorization', ctx.env);
  if (!choice.ok) util.error(choice.refused, AUDIENCE_ERROR_TYPE);
  const mailbox = canonicalMailbox(email);
  const sessionId = util.autoId();
  const nowMillis = util.time.nowEpochMilliSeconds();
  const nowSeconds = Math.floor(nowMillis / 1000);
  const expiresAt = nowSeconds + ttlSeconds;
  ctx.stash.sessionId = sessionId;
  ctx.stash.nowSeconds = nowSeconds;
  ctx.stash.expiresAt = expiresAt;
  const limits = readSendLimits(ctx.env);
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      {
        table: tableName,
        operation: 'PutItem',
        key: sessionKey(sessionId),
        attributeValues: newSessionAttributes({ sessionId, email, mailbox, audience: choice.audience, nowMillis, expiresAt }),
        // A fresh UUID never collides; the condition makes sure a session is never overwritten if it ever did.
        condition: { expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: false },
      },
      countInWindow(tableName, mailbox, nowSeconds, limits),
      markSent(tableName, mailbox, nowSeconds, limits),
      notLocked(tableName, mailbox, nowSeconds),
      ...countInBudgets(tableName, { sessionId, domain: mailboxDomain(mailbox), nowSeconds }, readSendBudgets(ctx.env)),
    ],
  };
}

export function response(
  ctx: Context<MutationGenerateOtpArgs, GenerateOtpStash, undefined, undefined, TransactWriteResult<RateItem | GuardItem> | null>,
): OtpSession {
  const limits = readSendLimits(ctx.env);
  const { sessionId, nowSeconds, expiresAt } = ctx.stash;
  const reasons = ctx.result?.cancellationReasons ?? [];
  const conflictAt = (indexes: number[]) => indexes.some((index) => reasons[index]?.type === TRANSACTION_CONFLICT);

  const lock = conditionFailure(ctx.result, GUARD_INDEX);
  if (lock) {
    // The guard is returned on a refusal; if it is not, the lock is assumed to end now (the retry is then early).
    const until = lockedUntil(lock.item as GuardItem | null, 0) ?? nowSeconds;
    refuse(MAILBOX_LOCKED_MESSAGE, MAILBOX_LOCKED_ERROR_TYPE, roundedRetry(until, nowSeconds));
  }
  const window = conditionFailure(ctx.result, RATE_INDEX);
  const cooldown = conditionFailure(ctx.result, COOLDOWN_INDEX) !== undefined;
  // A conflict on the mailbox's items means another send for the same mailbox is being written right now.
  const conflict = conflictAt([RATE_INDEX, COOLDOWN_INDEX, GUARD_INDEX]);
  const budgetFull =
    conditionFailure(ctx.result, GLOBAL_BUDGET_INDEX) !== undefined ||
    conditionFailure(ctx.result, DOMAIN_BUDGET_INDEX) !== undefined;
  const budgetConflict = conflictAt([GLOBAL_BUDGET_INDEX, DOMAIN_BUDGET_INDEX]);
  if (window || cooldown || conflict || budgetFull || budgetConflict) {
    const retry = sendAllowedAgain(
      {
        window: window ? { item: window.item as RateItem | null } : undefined,
        cooldown,
        conflict,
        budget: budgetFull ? { windowEnd: budgetWindowEnd(nowSeconds) } : undefined,
        budgetConflict,
      },
      nowSeconds,
      limits,
    );
    const mailboxLimited = window !== undefined || cooldown || conflict;
    refuse(mailboxLimited ? RATE_LIMIT_MESSAGE : BUDGET_MESSAGE, RATE_LIMIT_ERROR_TYPE, retry);
  }
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return {
    sessionId,
    expiresAt: epochSecondsToIso(expiresAt),
    resendAvailableAt: epochSecondsToIso(nowSeconds + limits.cooldownSeconds),
  };
}

/** Ends the resolver with a refusal a client can branch on, saying when to try again. */
function refuse(message: string, errorType: string, retry: RetryAfter): never {
  return util.error(message, errorType, null, {
    retryAfter: epochSecondsToIso(retry.atSeconds),
    retryAfterSeconds: retry.seconds,
  });
}
