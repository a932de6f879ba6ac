import type { VerifyAuthChallengeResponseTriggerEvent } from 'aws-lambda';
import { dynamoDbClient, kmsClient, logger, readSignInConfig, verifyAnswer } from '../shared/sign-in/index.ts';

const config = readSignInConfig(process.env);

/**
 * Cognito VerifyAuthChallengeResponse trigger: verifyOtp's steps on the sign-in's OTP session (count the attempt,
 * KMS VerifyMac, VERIFIED or a counted failure; functions/shared/sign-in/verify-answer.ts). The answer is never logged.
 */
export async function handler(event: VerifyAuthChallengeResponseTriggerEvent): Promise<VerifyAuthChallengeResponseTriggerEvent> {
  const outcome = await verifyAnswer(event, { config, dynamoDb: dynamoDbClient, kms: kmsClient, nowMillis: Date.now });
  logger.info('sign-in answer checked', { status: outcome.status, sessionId: outcome.sessionId });
  event.response = { answerCorrect: outcome.answerCorrect };
  return event;
}
