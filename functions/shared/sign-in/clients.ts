import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';

// Created once per container. No `endpoint`: offline, the SDK reads AWS_ENDPOINT_URL_DYNAMODB / _KMS, which the
// local stack sets, so this code has no local branch. Few retries: Cognito waits 5 s for a trigger.
export const dynamoDbClient = new DynamoDBClient({ maxAttempts: 2 });
export const kmsClient = new KMSClient({ maxAttempts: 2 });
