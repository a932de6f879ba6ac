/** The Cognito sign-in factor's shared module: the three triggers' logic on the service's table and keys. */
export { readSignInConfig, type SignInConfig } from './config.ts';
export { createChallenge } from './create-challenge.ts';
export { defineChallenge, defineResponse } from './define-challenge.ts';
export { verifyAnswer } from './verify-answer.ts';
export { dynamoDbClient, kmsClient } from './clients.ts';
export { logger } from './logger.ts';
