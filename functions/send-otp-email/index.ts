/** Entry point of the send-otp-email Lambda function (bundled by the CDK's NodejsFunction; handler `index.handler`). */
export { handler } from './handler.ts';
