/** Entry point of the publish-verification-event Lambda function (bundled by infra/build/bundle-function.ts; handler `index.handler`). */
export { handler } from './handler.ts';
