/**
 * Mutation.generateOtp (unit resolver, DynamoDB data source): creates a PENDING session, within the address's send
 * limits. The email Lambda, fed by the table's stream, then draws the code, stores its HMAC and sends it.
 *
 * One TransactWriteItems: [put the session, count it in the address's window, mark the address's cooldown]. Either
 * all three are written or none, so a refused request writes nothing and (no session INSERT on the stream) sends no
 * email. The answers depend only on the limits, never on whether the address had a session before.
 */
import { util, type Context, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import type { MutationGenerateOtpArgs, OtpSession } from './generated/schema.ts';
import { readOtpConfig } from './lib/config.ts';
import { hasDeliverableLength, normalizeEmail } from './lib/input.ts';
import { sessionPk } from './lib/session.ts';
import { countInWindow, markSent } from './lib/send-limit-writes.ts';
import {
  RATE_LIMIT_ERROR_TYPE,
  RATE_LIMIT_MESSAGE,
  readSendLimits,
  sendAllowedAgain,
  type CooldownItem,
  type RateItem,
} from './lib/send-limits.ts';
import { epochMillisToIso, epochSecondsToIso } from './lib/time.ts';
import { conditionFailure, type TransactWriteResult } from './lib/transact.ts';

/** What request() hands to response(). */
interface GenerateOtpStash {
  sessionId: string;
  nowSeconds: number;
  expiresAt: number;
}

/** Positions in the transaction. */
const RATE_INDEX = 1;
const COOLDOWN_INDEX = 2;
/** DynamoDB's cancellation code when another transaction held one of the items. */
const TRANSACTION_CONFLICT = 'TransactionConflict';

export function request(ctx: Context<MutationGenerateOtpArgs, GenerateOtpStash>): DynamoDBTransactWriteItemsRequest {
  const { tableName, ttlSeconds } = readOtpConfig(ctx.env);
  const limits = readSendLimits(ctx.env);
  const email = normalizeEmail(ctx.args.email);
  if (!hasDeliverableLength(email)) util.error('The email address is too long to deliver to.', 'BadRequest');
  const sessionId = util.autoId();
  const nowMillis = util.time.nowEpochMilliSeconds();
  const nowSeconds = Math.floor(nowMillis / 1000);
  const expiresAt = nowSeconds + ttlSeconds;
  ctx.stash.sessionId = sessionId;
  ctx.stash.nowSeconds = nowSeconds;
  ctx.stash.expiresAt = expiresAt;
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      {
        table: tableName,
        operation: 'PutItem',
        key: { pk: { S: sessionPk(sessionId) } },
        attributeValues: {
          sessionId: { S: sessionId },
          email: { S: email },
          status: { S: 'PENDING' },
          attempts: { N: 0 },
          createdAt: { S: epochMillisToIso(nowMillis) },
          expiresAt: { N: expiresAt },
        },
        // A fresh UUID never collides; the condition makes sure a session is never overwritten if it ever did.
        condition: { expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: false },
      },
      countInWindow(tableName, email, nowSeconds, limits),
      markSent(tableName, email, nowSeconds, limits),
    ],
  };
}

export function response(
  ctx: Context<MutationGenerateOtpArgs, GenerateOtpStash, undefined, undefined, TransactWriteResult<RateItem | CooldownItem> | null>,
): OtpSession {
  const limits = readSendLimits(ctx.env);
  const { sessionId, nowSeconds, expiresAt } = ctx.stash;
  const window = conditionFailure(ctx.result, RATE_INDEX);
  const cooldown = conditionFailure(ctx.result, COOLDOWN_INDEX);
  const reasons = ctx.result?.cancellationReasons ?? [];
  // A conflict on the address's items means another send for the same address is being written right now.
  const conflict = [RATE_INDEX, COOLDOWN_INDEX].some((index) => reasons[index]?.type === TRANSACTION_CONFLICT);
  if (window || cooldown || conflict) {
    const retry = sendAllowedAgain(
      {
        window: window ? { item: window.item as RateItem | null } : undefined,
        cooldown: cooldown ? { item: cooldown.item as CooldownItem | null } : undefined,
        conflict,
      },
      nowSeconds,
      limits,
    );
    util.error(RATE_LIMIT_MESSAGE, RATE_LIMIT_ERROR_TYPE, null, {
      retryAfter: epochSecondsToIso(retry.atSeconds),
      retryAfterSeconds: retry.seconds,
    });
  }
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return {
    sessionId,
    expiresAt: epochSecondsToIso(expiresAt),
    resendAvailableAt: epochSecondsToIso(nowSeconds + limits.cooldownSeconds),
  };
}
