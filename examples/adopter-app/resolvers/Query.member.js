import { get } from '@aws-appsync/utils/dynamodb';

export function request(ctx) {
  return get({ key: { email: ctx.args.email.toLowerCase() } });
}

export function response(ctx) {
  return ctx.result;
}
