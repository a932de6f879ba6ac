/**
 * Mutation.generateOtp (unit resolver, DynamoDB data source): creates a PENDING session. The email Lambda, fed by the
 * table's stream, then draws the code, stores its HMAC and sends it.
 */
import { util, type Context, type DynamoDBPutItemRequest } from '@aws-appsync/utils';
import type { MutationGenerateOtpArgs, OtpSession } from './generated/schema.ts';
import { readOtpConfig } from './lib/config.ts';
import { normalizeEmail } from './lib/input.ts';
import { sessionPk, type SessionItem } from './lib/session.ts';
import { epochMillisToIso, epochSecondsToIso } from './lib/time.ts';

export function request(ctx: Context<MutationGenerateOtpArgs>): DynamoDBPutItemRequest {
  const { ttlSeconds } = readOtpConfig(ctx.env);
  const sessionId = util.autoId();
  const nowMillis = util.time.nowEpochMilliSeconds();
  const expiresAt = Math.floor(nowMillis / 1000) + ttlSeconds;
  return {
    operation: 'PutItem',
    key: { pk: { S: sessionPk(sessionId) } },
    attributeValues: {
      sessionId: { S: sessionId },
      email: { S: normalizeEmail(ctx.args.email) },
      status: { S: 'PENDING' },
      attempts: { N: 0 },
      createdAt: { S: epochMillisToIso(nowMillis) },
      expiresAt: { N: expiresAt },
    },
    // A fresh UUID never collides; the condition makes sure a session is never overwritten if it ever did.
    condition: { expression: 'attribute_not_exists(pk)' },
  };
}

export function response(ctx: Context<MutationGenerateOtpArgs, Record<string, unknown>, undefined, undefined, SessionItem>): OtpSession {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return { sessionId: ctx.result.sessionId, expiresAt: epochSecondsToIso(ctx.result.expiresAt) };
}
