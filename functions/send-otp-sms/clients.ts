import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { SNSClient, type SNSClientConfig } from '@aws-sdk/client-sns';
import { KMS_CLIENT_RETRY_CONFIG } from '../send-otp-email/clients.ts';

// Created once per container. No `endpoint`: offline the SDK reads AWS_ENDPOINT_URL_{DYNAMODB,KMS,SNS}.

/**
 * SNS retries transient failures (Throttled, KMSThrottling, 5xx, connection errors) 4 times in the SDK's standard mode
 * before the record fails and the event source mapping retries it; errors SNS will repeat (InvalidParameter, …) fail
 * at once.
 */
export const SNS_CLIENT_RETRY_CONFIG = { maxAttempts: 4, retryMode: 'standard' } as const satisfies SNSClientConfig;

export const dynamoDbClient = new DynamoDBClient({});
export const kmsClient = new KMSClient({ ...KMS_CLIENT_RETRY_CONFIG });
export const snsClient = new SNSClient({ ...SNS_CLIENT_RETRY_CONFIG });
