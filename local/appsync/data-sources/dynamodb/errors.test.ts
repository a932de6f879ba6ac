import { describe, expect, it } from 'vitest';
import { toDataSourceError } from './errors.ts';

describe('toDataSourceError', () => {
  it('keeps a service exception in AppSync\'s wording', () => {
    const error = Object.assign(new Error('The conditional request failed'), {
      name: 'ConditionalCheckFailedException',
      $metadata: { httpStatusCode: 400, requestId: 'r1' },
    });
    expect(toDataSourceError(error)).toEqual({
      type: 'DynamoDB:ConditionalCheckFailedException',
      message: 'The conditional request failed (Service: DynamoDb, Status Code: 400, Request ID: r1)',
    });
  });

  // Regression (test/faults.test.ts): with DynamoDB Local killed, the answer carried "connect ECONNREFUSED 127.0.0.1:PORT".
  it('hides the local address of a connection failure', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:38965'), { name: 'Error', code: 'ECONNREFUSED', $metadata: {} });
    const mapped = toDataSourceError(error);
    expect(mapped.type).toBe('DynamoDB:ServiceUnavailableException');
    expect(mapped.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|\d{4,5}\)/);
  });
});
