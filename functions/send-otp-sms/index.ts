/** Entry point of the send-otp-sms Lambda function (bundled by infra/build/bundle-function.ts; handler `index.handler`). */
export { handler } from './handler.ts';
