/**
 * Mutation.consumeVerification (unit resolver, DynamoDB data source; IAM callers only): a relying party's backend
 * uses up a verified session, so the same session id cannot be accepted twice. One conditional UpdateItem moves
 * VERIFIED to CONSUMED (lib/consume.ts); every other session is refused with an errorType and left as it is.
 *
 * CONSUMED is not PENDING → VERIFIED, so the stream filter of verification events lets this write through unseen.
 */
import { util, type Context, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import { sessionKey, type SessionItem } from '../infra/model/index.ts';
import type { MutationConsumeVerificationArgs, Verification } from './generated/schema.ts';
import { readOtpConfig } from './lib/config.ts';
import { consumeRefusal, consumeWrite, isConsumedBy } from './lib/consume.ts';
import { normalizeSessionId } from './lib/input.ts';
import { verificationOf } from './lib/session.ts';
import { epochMillisToIso } from './lib/time.ts';
import { CONDITION_FAILED_ERROR } from './lib/transact.ts';

/** What request() hands to response(). */
interface ConsumeStash {
  consumeId: string;
  nowSeconds: number;
}

export function request(ctx: Context<MutationConsumeVerificationArgs, ConsumeStash>): DynamoDBUpdateItemRequest {
  const sessionId = normalizeSessionId(ctx.args.sessionId);
  if (sessionId === null) util.error('The session id is not valid.', 'BadRequest');
  const nowMillis = util.time.nowEpochMilliSeconds();
  const consumeId = util.autoId();
  ctx.stash.consumeId = consumeId;
  ctx.stash.nowSeconds = Math.floor(nowMillis / 1000);
  const write = consumeWrite({ consumeId, consumedAt: epochMillisToIso(nowMillis), nowSeconds: ctx.stash.nowSeconds });
  return { operation: 'UpdateItem', key: sessionKey(sessionId), update: write.update, condition: write.condition };
}

export function response(
  ctx: Context<MutationConsumeVerificationArgs, ConsumeStash, undefined, undefined, SessionItem | null>,
): Verification {
  // Throttling or any failure but a false condition: whether it was consumed is unknown, so no answer claims it.
  if (ctx.error && ctx.error.type !== CONDITION_FAILED_ERROR) util.error(ctx.error.message, ctx.error.type);
  const session = ctx.result;
  if (ctx.error || !session || !isConsumedBy(session, ctx.stash.consumeId)) {
    const refusal = consumeRefusal(session);
    util.error(refusal.message, refusal.errorType);
  }
  return verificationOf(session, ctx.stash.nowSeconds, readOtpConfig(ctx.env).maxAttempts);
}
