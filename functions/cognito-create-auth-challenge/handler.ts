import { randomUUID } from 'node:crypto';
import type { CreateAuthChallengeTriggerEvent } from 'aws-lambda';
import { createChallenge, dynamoDbClient, logger, readSignInConfig } from '../shared/sign-in/index.ts';

const config = readSignInConfig(process.env);

/**
 * Cognito CreateAuthChallenge trigger: starts (or, after a wrong answer, reuses) the sign-in's OTP session; the
 * email function sends the code from the table's stream (functions/shared/sign-in/create-challenge.ts).
 */
export async function handler(event: CreateAuthChallengeTriggerEvent): Promise<CreateAuthChallengeTriggerEvent> {
  try {
    const created = await createChallenge(event, { config, dynamoDb: dynamoDbClient, nowMillis: Date.now, newSessionId: randomUUID });
    // A refusal answered as a no-user challenge is logged with its errorType (the client is not told); never the address.
    logger.info('sign-in challenge created', { outcome: created.outcome, sessionId: created.sessionId, errorType: created.errorType });
    event.response = created.response;
    return event;
  } catch (error) {
    // Logged by name and message: the refusal's wording, or an SDK error's (neither holds a code or an address).
    logger.warn('sign-in challenge refused', { error: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown' });
    throw error;
  }
}
