import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient, type KMSClientConfig } from '@aws-sdk/client-kms';
import { SESClient, type SESClientConfig } from '@aws-sdk/client-ses';

// Created once per container and reused by every invocation. No `endpoint` option on purpose: offline, the SDK
// reads AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SES / AWS_ENDPOINT_URL_KMS from the environment, so this code
// has no local branch.

/**
 * How the SES client retries transient failures (throttling, 5xx, connection errors) before the record fails and
 * the event source mapping retries it: 4 attempts in the SDK's standard mode. SES v1's `Throttling` code
 * ("Maximum sending rate exceeded") is one of the SDK's throttling codes, so it backs off from 1 s (jittered:
 * at most 1 + 2 + 4 s over the 3 retries); other transient errors back off from 50 ms. Standard rather than adaptive:
 * adaptive mode adds client-side rate-limit waits on top of the backoff, which are hard to bound inside the
 * function's 10 s timeout, and a longer SES outage is the mapping's retries' job. Errors SES will repeat
 * (MessageRejected, …) are not retryable for the SDK and fail at once.
 */
export const SES_CLIENT_RETRY_CONFIG = { maxAttempts: 4, retryMode: 'standard' } as const satisfies SESClientConfig;

/**
 * How the KMS client retries transient failures (ThrottlingException, KMSInternalException, 5xx, connection errors)
 * before the record fails and the event source mapping retries it: 3 attempts in the SDK's standard mode, backing off
 * from 1 s for throttling (at most 1 + 2 s) and 50 ms otherwise, well inside the function's 10 s. Errors KMS will
 * repeat (a disabled or unknown key, AccessDenied) are not retryable for the SDK and fail at once: no code is stored
 * or emailed then, and the record is retried (and, while the key stays unusable, dead-lettered and alarmed on).
 */
export const KMS_CLIENT_RETRY_CONFIG = { maxAttempts: 3, retryMode: 'standard' } as const satisfies KMSClientConfig;

/** The DynamoDB client shared by the container's invocations. */
export const dynamoDbClient = new DynamoDBClient({});

/** The KMS client that MACs the codes, shared by the container's invocations. */
export const kmsClient = new KMSClient({ ...KMS_CLIENT_RETRY_CONFIG });

/** The SES (v1 API) client shared by the container's invocations. */
export const sesClient = new SESClient({ ...SES_CLIENT_RETRY_CONFIG });
