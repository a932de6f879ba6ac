/** Entry point of the serve-jwks Lambda function (bundled by infra/build/bundle-function.ts; handler `index.handler`). */
export { handler } from './handler.ts';
