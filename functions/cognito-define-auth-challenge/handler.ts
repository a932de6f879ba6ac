import type { DefineAuthChallengeTriggerEvent } from 'aws-lambda';
import { defineChallenge, defineResponse, dynamoDbClient, logger, readSignInConfig } from '../shared/sign-in/index.ts';

// Read once per container: a misconfigured function fails at cold start, and so every sign-in (fail closed).
const config = readSignInConfig(process.env);

/**
 * Cognito DefineAuthChallenge trigger: what comes next in a custom-auth sign-in (functions/shared/sign-in/
 * define-challenge.ts): the password step, the OTP challenge, tokens after a right code, or the end of the sign-in.
 */
export async function handler(event: DefineAuthChallengeTriggerEvent): Promise<DefineAuthChallengeTriggerEvent> {
  const decision = await defineChallenge(event, { config, dynamoDb: dynamoDbClient, nowMillis: Date.now });
  logger.info('sign-in step decided', { decision: decision.kind, ...(decision.kind === 'fail' ? { reason: decision.reason } : {}), steps: event.request.session?.length ?? 0 });
  event.response = defineResponse(decision);
  return event;
}
