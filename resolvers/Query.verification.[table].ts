/**
 * Query.verification (unit resolver, DynamoDB data source; IAM callers only): a session's state for backend services.
 * Reads strongly consistently so a service asking right after verifyOtp sees the verification. A Cognito sign-in
 * session (marked with a purpose, infra/model/sign-in.ts) is answered null, as an unknown id: it is the sign-in's own
 * business, which verifyOtp and consumeVerification refuse too, and its id never leaves the sign-in triggers.
 */
import { util, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import { sessionKey, type SessionItem } from '../infra/model/index.ts';
import type { QueryVerificationArgs, Verification } from './generated/schema.ts';
import { readOtpConfig } from './lib/config.ts';
import { normalizeSessionId } from './lib/input.ts';
import { verificationOf } from './lib/session.ts';

export function request(ctx: Context<QueryVerificationArgs>): DynamoDBGetItemRequest {
  const sessionId = normalizeSessionId(ctx.args.sessionId);
  if (sessionId === null) util.error('The session id is not valid.', 'BadRequest');
  return {
    operation: 'GetItem',
    key: sessionKey(sessionId),
    consistentRead: true,
  };
}

export function response(
  ctx: Context<QueryVerificationArgs, Record<string, unknown>, undefined, undefined, SessionItem | null>,
): Verification | null {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const session = ctx.result;
  if (!session || session.purpose) return null;
  return verificationOf(session, util.time.nowEpochSeconds(), readOtpConfig(ctx.env).maxAttempts);
}
