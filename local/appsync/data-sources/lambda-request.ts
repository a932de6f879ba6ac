/**
 * The request object of AppSync's Lambda data source (resolver-reference-lambda-js):
 * `{ operation: 'Invoke' | 'BatchInvoke', invocationType?: 'RequestResponse' | 'Event', payload?: unknown }`.
 */
import { InvalidDataSourceRequestError } from './types.ts';

/** A validated Lambda request. */
export interface LambdaRequest {
  operation: 'Invoke' | 'BatchInvoke';
  invocationType: 'RequestResponse' | 'Event';
  /** What the function receives as its event (null when absent). */
  payload: unknown;
}

/**
 * Validates what a request handler returned.
 * @throws InvalidDataSourceRequestError (a MappingTemplate field error) for anything else; messages are ours.
 */
export function parseLambdaRequest(request: unknown): LambdaRequest {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    throw new InvalidDataSourceRequestError('The request handler must return a Lambda request object ({ operation, payload })');
  }
  const { operation, invocationType, payload } = request as Record<string, unknown>;
  if (operation !== 'Invoke' && operation !== 'BatchInvoke') {
    throw new InvalidDataSourceRequestError(`Unsupported operation ${JSON.stringify(operation)}: expected Invoke or BatchInvoke`);
  }
  if (invocationType !== undefined && invocationType !== 'RequestResponse' && invocationType !== 'Event') {
    throw new InvalidDataSourceRequestError(`Unsupported invocationType ${JSON.stringify(invocationType)}: expected RequestResponse or Event`);
  }
  return { operation, invocationType: invocationType ?? 'RequestResponse', payload: payload ?? null };
}
