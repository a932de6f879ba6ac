import { describe, expect, it } from 'vitest';
import { countAttemptRequest } from './count-attempt.ts';

const input = { sessionId: '6f1c0000-0000-4000-8000-000000000000', nowSeconds: 1000, maxAttempts: 5 };

describe('countAttemptRequest', () => {
  it('counts, for the public API, only open sessions without a purpose (never a sign-in session)', () => {
    const request = countAttemptRequest({ ...input, path: 'api' });
    expect(request).toMatchObject({
      operation: 'UpdateItem',
      key: { pk: { S: 'SESSION#6f1c0000-0000-4000-8000-000000000000' } },
      update: { expression: 'SET attempts = attempts + :one', expressionValues: { ':one': { N: 1 } } },
    });
    expect(request.condition).toEqual({
      expression: 'attribute_exists(pk) AND #status = :pending AND expiresAt > :now AND attempts < :max AND size(codes) > :zero AND attribute_not_exists(#purpose)',
      expressionNames: { '#status': 'status', '#purpose': 'purpose' },
      expressionValues: { ':pending': { S: 'PENDING' }, ':now': { N: 1000 }, ':max': { N: 5 }, ':zero': { N: 0 } },
    });
  });

  it('counts, for the sign-in trigger, only open sign-in sessions', () => {
    const request = countAttemptRequest({ ...input, path: 'signIn' });
    expect(request.condition?.expression).toMatch(/ AND #purpose = :signIn$/);
    expect(request.condition?.expressionValues).toMatchObject({ ':signIn': { S: 'COGNITO_SIGN_IN' } });
  });
});
