/** The local Cognito: what the local stack and the package's users import (README.md in this folder). */
export { startCognitoLocal, type CognitoLocal, type CognitoLocalOptions } from './cognito-local.ts';
export { cognitoEndpoints } from './endpoints-entry.ts';
export type { SentMessage } from './message-store.ts';
