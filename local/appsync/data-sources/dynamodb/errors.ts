/** Turns SDK failures into ctx.error the way AppSync words them. */
import type { DataSourceError } from '../types.ts';

interface ServiceFailure {
  name?: unknown;
  message?: unknown;
  $metadata?: { requestId?: string; httpStatusCode?: number };
}

/**
 * `{ type: 'DynamoDB:<ExceptionName>', message: '<message> (Service: DynamoDb, Status Code: 400, Request ID: <id>)' }`,
 * the format AppSync documents for ConditionalCheckFailedException and uses for every DynamoDB error.
 */
export function toDataSourceError(error: unknown): DataSourceError {
  const failure = (error ?? {}) as ServiceFailure;
  if (failure.$metadata?.httpStatusCode === undefined && !(typeof failure.name === 'string' && failure.name.endsWith('Exception'))) {
    // No HTTP answer at all (DynamoDB Local down: ECONNREFUSED, reset, timeout). The SDK's message names the local
    // host and port, which must not reach API clients. Decision (AWS never shows this): DynamoDB's 503 exception.
    return {
      type: 'DynamoDB:ServiceUnavailableException',
      message: 'DynamoDB is unavailable. (Service: DynamoDb, Status Code: 503, Request ID: local)',
    };
  }
  const name = typeof failure.name === 'string' ? failure.name : 'InternalServerError';
  const message = typeof failure.message === 'string' ? failure.message : String(error);
  const status = failure.$metadata?.httpStatusCode ?? 400;
  const requestId = failure.$metadata?.requestId ?? 'local';
  return {
    type: `DynamoDB:${name}`,
    message: `${message} (Service: DynamoDb, Status Code: ${status}, Request ID: ${requestId})`,
  };
}

/** True when the SDK error is a service exception of this name. */
export function isServiceError(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && (error as ServiceFailure).name === name;
}
