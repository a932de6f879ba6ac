import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';

// Created once per container and reused by every invocation. No `endpoint` option on purpose: offline, the SDK
// reads AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SES from the environment, so this code has no local branch.

/** The DynamoDB client shared by the container's invocations. */
export const dynamoDbClient = new DynamoDBClient({});

/** The SES (v1 API) client shared by the container's invocations. */
export const sesClient = new SESClient({});
