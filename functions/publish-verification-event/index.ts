/** Entry point of the publish-verification-event Lambda function (NodejsFunction handler `index.handler`). */
export { handler } from './handler.ts';
