/** Entry point of the send-otp-email Lambda function (bundled by infra/build/bundle-function.ts; handler `index.handler`). */
export { handler } from './handler.ts';
