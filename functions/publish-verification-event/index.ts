/** Entry point of the publish-verification-event Lambda function (bundled by infra/lib/function-code.ts; handler `index.handler`). */
export { handler } from './handler.ts';
