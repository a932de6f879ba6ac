import { describe, expect, it } from 'vitest';
import { describeApiError } from './apiProblem.ts';

/** Apollo's ServerError carries the HTTP status and the parsed body. */
function serverError(statusCode: number, result: unknown): Error & { statusCode: number; result: unknown } {
  return Object.assign(new Error(`Response not successful: Received status code ${statusCode}`), { statusCode, result });
}

describe('describeApiError', () => {
  it('passes on the server message of a BadRequest, which is written for people', () => {
    const problem = describeApiError({
      graphQLErrors: [{ message: ' The code must be 4 to 10 digits. ', errorType: 'BadRequest' }],
    });
    expect(problem).toEqual({
      errorType: 'BadRequest',
      message: { key: 'problem.badRequest', params: { detail: 'The code must be 4 to 10 digits.' } },
    });
  });

  it('words a BadRequest without a message itself', () => {
    const problem = describeApiError({ graphQLErrors: [{ message: '', errorType: 'BadRequest' }] });
    expect(problem).toEqual({ errorType: 'BadRequest', message: { key: 'problem.invalidRequest' } });
  });

  it('hides the message of internal errors but names their type', () => {
    const problem = describeApiError({
      graphQLErrors: [
        {
          message: 'The conditional request failed (Service: DynamoDb, Status Code: 400)',
          errorType: 'DynamoDB:ConditionalCheckFailedException',
        },
      ],
    });
    expect(problem).toEqual({
      errorType: 'DynamoDB:ConditionalCheckFailedException',
      message: { key: 'problem.unexpectedWithType', params: { errorType: 'DynamoDB:ConditionalCheckFailedException' } },
    });
    expect(JSON.stringify(problem)).not.toContain('conditional request');
  });

  it('explains a field-level Unauthorized', () => {
    const problem = describeApiError({
      graphQLErrors: [{ message: 'Not Authorized to access verifyOtp on type Mutation', errorType: 'Unauthorized' }],
    });
    expect(problem).toEqual({ errorType: 'Unauthorized', message: { key: 'problem.notAuthorized' } });
  });

  it("recognises AppSync's request-level 401 (missing or wrong API key)", () => {
    const problem = describeApiError({
      networkError: serverError(401, {
        errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }],
      }),
    });
    expect(problem).toEqual({ errorType: 'UnauthorizedException', message: { key: 'problem.notAuthorized' } });
  });

  it('reports other HTTP failures with their status', () => {
    const problem = describeApiError({ networkError: serverError(502, 'Bad Gateway') });
    expect(problem).toEqual({ errorType: 'HTTP 502', message: { key: 'problem.httpError', params: { status: '502' } } });
  });

  it('reports an unreachable API as a network error', () => {
    const problem = describeApiError({ networkError: new TypeError('Failed to fetch') });
    expect(problem).toEqual({ errorType: 'NetworkError', message: { key: 'problem.networkError' } });
  });

  it("says a number the service does not text is refused, not the service's English sentence", () => {
    const problem = describeApiError({
      graphQLErrors: [{ message: 'Codes cannot be sent by SMS to this number.', errorType: 'UnsupportedDestination' }],
    });
    expect(problem).toEqual({ errorType: 'UnsupportedDestination', message: { key: 'problem.unsupportedDestination' } });
  });

  it('passes on the BadRequest of a malformed phone number, like any BadRequest', () => {
    const detail = 'The phone number must be in international format: + and the country calling code, e.g. +14155550123.';
    const problem = describeApiError({ graphQLErrors: [{ message: detail, errorType: 'BadRequest' }] });
    expect(problem).toEqual({ errorType: 'BadRequest', message: { key: 'problem.badRequest', params: { detail } } });
  });

  it('asks for an international number when the AWSPhone variable does not parse', () => {
    const problem = describeApiError({
      graphQLErrors: [{ message: "Variable 'phoneNumber' has an invalid value. Unable to parse `+1 20a` as a valid phone number.", errorType: null }],
    });
    expect(problem).toEqual({ errorType: null, message: { key: 'problem.invalidPhone' } });
  });

  it('treats validation errors as a problem with the input', () => {
    const problem = describeApiError({
      graphQLErrors: [{ message: "Validation error of type WrongType: argument 'email' …", errorType: 'ValidationError' }],
    });
    expect(problem.message).toEqual({ key: 'problem.invalidInput' });
  });

  it('asks for a valid email when the AWSEmail variable does not parse', () => {
    const problem = describeApiError({
      graphQLErrors: [
        {
          message: "Variable 'email' has an invalid value. Unable to parse `x@` as a valid email address.",
          errorType: null,
        },
      ],
    });
    expect(problem).toEqual({ errorType: null, message: { key: 'problem.invalidEmail' } });
  });

  it('treats other invalid variables as a problem with the input', () => {
    const problem = describeApiError({
      graphQLErrors: [{ message: "Variable 'code' has an invalid value. Expected type 'String'.", errorType: null }],
    });
    expect(problem.message).toEqual({ key: 'problem.invalidInput' });
  });

  it('recognises throttling', () => {
    const problem = describeApiError({ graphQLErrors: [{ message: 'slow down', errorType: 'TooManyRequests' }] });
    expect(problem).toEqual({ errorType: 'TooManyRequests', message: { key: 'problem.throttled' } });
  });

  describe('RateLimitExceeded (generateOtp send limits)', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const rateLimited = (errorInfo: unknown) => ({
      graphQLErrors: [
        { message: 'Too many codes requested for this address. Try again later.', errorType: 'RateLimitExceeded', errorInfo },
      ],
    });

    it('says how long to wait, from retryAfterSeconds', () => {
      const problem = describeApiError(rateLimited({ retryAfter: '2026-01-01T00:00:25Z', retryAfterSeconds: 25 }), now);
      expect(problem).toEqual({
        errorType: 'RateLimitExceeded',
        message: { key: 'problem.rateLimited', params: { wait: { key: 'duration.seconds', count: 25 } } },
        retryAtMs: now + 25_000,
      });
    });

    it('falls back to the retryAfter date, in minutes for long waits', () => {
      const problem = describeApiError(rateLimited({ retryAfter: '2026-01-01T00:14:10Z' }), now);
      expect(problem.message).toEqual({ key: 'problem.rateLimited', params: { wait: { key: 'duration.minutes', count: 15 } } });
      expect(problem.retryAtMs).toBe(Date.parse('2026-01-01T00:14:10Z'));
    });

    it('still explains the limit when errorInfo is missing', () => {
      const problem = describeApiError(rateLimited(null), now);
      expect(problem.message).toEqual({ key: 'problem.rateLimited', params: { wait: { key: 'duration.unknown' } } });
      expect(problem.retryAtMs).toBeUndefined();
    });
  });

  it('explains a mailbox locked after too many wrong codes, with the time to retry (MailboxLocked)', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const problem = describeApiError(
      {
        graphQLErrors: [
          {
            message: 'Too many wrong codes for this address. Try again later.',
            errorType: 'MailboxLocked',
            errorInfo: { retryAfter: '2026-01-01T00:15:00Z', retryAfterSeconds: 900 },
          },
        ],
      },
      now,
    );
    expect(problem).toEqual({
      errorType: 'MailboxLocked',
      message: { key: 'problem.mailboxLocked', params: { wait: { key: 'duration.minutes', count: 15 } } },
      retryAtMs: now + 900_000,
    });
  });

  it('falls back to a generic sentence when nothing is known', () => {
    expect(describeApiError({})).toEqual({ errorType: null, message: { key: 'problem.unexpected' } });
  });
});
