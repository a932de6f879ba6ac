/** Entry point of the send-otp-email Lambda function (bundled by infra/lib/function-code.ts; handler `index.handler`). */
export { handler } from './handler.ts';
