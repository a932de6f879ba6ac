/**
 * Mutation.publishOtpVerified (unit resolver, NONE data source): returns its arguments, which AppSync then delivers
 * to `onOtpVerified` subscribers. Only IAM callers reach it (schema `@aws_iam`); the infra grants
 * `appsync:GraphQL` on this field to the stream-triggered publisher alone.
 */
import type { Context, NONERequest } from '@aws-appsync/utils';
import type { MutationPublishOtpVerifiedArgs, OtpVerifiedEvent } from './generated/schema.ts';

export function request(ctx: Context<MutationPublishOtpVerifiedArgs>): NONERequest {
  const { sessionId, email, verifiedAt } = ctx.args;
  return { payload: { sessionId, email, verifiedAt } };
}

export function response(ctx: Context<MutationPublishOtpVerifiedArgs, object, undefined, undefined, OtpVerifiedEvent>): OtpVerifiedEvent {
  return ctx.result;
}
