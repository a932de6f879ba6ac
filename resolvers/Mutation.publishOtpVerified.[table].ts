/**
 * Mutation.publishOtpVerified (unit resolver, DynamoDB data source): announces a verification to `onOtpVerified`
 * subscribers, from the truth only. The caller must be the stack's publisher function (its role's ARN reaches the
 * API as OTP_PUBLISHER_ROLE_ARN; IAM alone would let any principal with `appsync:GraphQL` on `Mutation/*` through),
 * and the event is published only for a session that was verified (VERIFIED, or CONSUMED since: a backend may
 * consume it before the stream's event is published) with the same email, or for an SMS session the same phone
 * number (lib/verified-event.ts): what subscribers receive is read from the table (strongly consistent), never taken
 * from the arguments.
 */
import { util, type AppSyncIdentityIAM, type Context, type DynamoDBGetItemRequest } from '@aws-appsync/utils';
import { sessionKey, type SessionItem } from '../infra/model/index.ts';
import type { MutationPublishOtpVerifiedArgs, OtpVerifiedEvent } from './generated/schema.ts';
import { normalizeSessionId } from './lib/input.ts';
import { isSessionOfRole } from './lib/publisher-identity.ts';
import { verifiedEventFor } from './lib/verified-event.ts';

export function request(ctx: Context<MutationPublishOtpVerifiedArgs>): DynamoDBGetItemRequest {
  const identity = ctx.identity as AppSyncIdentityIAM | null;
  if (!isSessionOfRole(identity?.userArn, ctx.env.OTP_PUBLISHER_ROLE_ARN)) util.unauthorized();
  const sessionId = normalizeSessionId(ctx.args.sessionId);
  if (sessionId === null) util.error('The session id is not valid.', 'BadRequest');
  return { operation: 'GetItem', key: sessionKey(sessionId), consistentRead: true };
}

export function response(
  ctx: Context<MutationPublishOtpVerifiedArgs, object, undefined, undefined, SessionItem | null>,
): OtpVerifiedEvent {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const event = verifiedEventFor(ctx.result, ctx.args);
  if (!event) util.error('No verified session matches this event.', 'BadRequest');
  return event;
}
