/** Entry point of the cognito-verify-auth-challenge Lambda function (bundled by infra/build/bundle-function.ts; handler `index.handler`). */
export { handler } from './handler.ts';
