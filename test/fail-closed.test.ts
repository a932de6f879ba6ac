/**
 * Failures between two writes, and answers that could be forged: each handler of verifyOtp and publishOtpVerified
 * is evaluated on the data-source results an attacker (or a bad moment) could produce — a throttled count, a
 * conflicting transaction, a missing result, a caller that is not the publisher — through AppSync's EvaluateCode
 * API on the local engine, called with AWS's own SDK client. None of them may answer VERIFIED or publish an event.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { codeEvaluator, resolverCode as code } from './support/evaluate-code.ts';
import { sharedEndpoints } from './support/shared-stack.ts';

const evaluator = codeEvaluator(await sharedEndpoints());
afterAll(() => evaluator.destroy());

const PUBLISHER_ROLE = 'arn:aws:iam::000000000000:role/OtpService-Publisher';
const env = { TABLE_NAME: 'otp-table', OTP_MAX_ATTEMPTS: '5', OTP_PUBLISHER_ROLE_ARN: PUBLISHER_ROLE };
const countAttempt = code('Mutation.verifyOtp/1-countAttempt.[table].ts');
const checkCode = code('Mutation.verifyOtp/2..4-checkCode.[kms].ts');
const verifySession = code('Mutation.verifyOtp/5-verifySession.[table].ts');
const countFailure = code('Mutation.verifyOtp/6-countMailboxFailure.[table].ts');
const verifyOtp = code('Mutation.verifyOtp/resolver.ts');
const publish = code('Mutation.publishOtpVerified.[table].ts');

/** Evaluates with the API's environment. */
const evaluate = (source: string, fn: 'request' | 'response', context: Record<string, unknown>) =>
  evaluator.evaluate(source, fn, { env, ...context });

const sessionId = randomUUID();
const KEY = 'arn:aws:kms:eu-west-1:000000000000:key/aaaaaaaa-0000-4000-8000-000000000000';
/** Stand-ins for stored MACs: the check steps send them to KMS, never compare them themselves. */
const MAC = Buffer.alloc(32, 1).toString('base64');
const OTHER_MAC = Buffer.alloc(32, 2).toString('base64');
const now = Math.floor(Date.now() / 1000);
const stash = { sessionId, nowSeconds: now, nowIso: new Date(now * 1000).toISOString() };
/** After 1-countAttempt counted an attempt on a session holding two codes. */
const counted = { ...stash, mailbox: 'bob@example.com', attemptsAfter: 1, codesChecked: 0, codesToCheck: [{ mac: OTHER_MAC, keyId: KEY }, { mac: MAC, keyId: KEY }] };
const kmsAnswer = (statusCode: number, body: unknown) => ({ statusCode, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify(body) });
const session = (overrides: Record<string, unknown> = {}) => ({
  pk: `SESSION#${sessionId}`,
  sessionId,
  email: 'bob+1@example.com',
  mailbox: 'bob@example.com',
  status: 'PENDING',
  attempts: 1,
  expiresAt: now + 300,
  codes: { [MAC]: { keyId: KEY, issuedAt: now } },
  ...overrides,
});

describe('verifyOtp fails closed', () => {
  it('a count that DynamoDB throttled or that conflicted ends the request with an error, before any comparison', async () => {
    for (const type of ['DynamoDB:ProvisionedThroughputExceededException', 'DynamoDB:TransactionConflictException']) {
      const evaluated = await evaluate(countAttempt, 'response', { stash, result: null, error: { type, message: 'no' } });
      expect(evaluated.error).toBe('no');
      expect(evaluated.stash).not.toHaveProperty('matched');
      expect(evaluated.stash).not.toHaveProperty('answer');
    }
  });

  it('checks only a counted attempt, against the codes (MAC and key) the counting write returned', async () => {
    const evaluated = await evaluate(countAttempt, 'response', { stash, result: session() });
    expect(evaluated.stash).toMatchObject({ attemptsAfter: 1, mailbox: 'bob@example.com', codesToCheck: [{ mac: MAC, keyId: KEY }], codesChecked: 0 });
    expect(evaluated.stash).not.toHaveProperty('matched');
    // A session holding only a hash from before KMS MACs has nothing KMS could check: a wrong code, never VERIFIED.
    const legacy = await evaluate(countAttempt, 'response', { stash, result: session({ codes: { ['0'.repeat(64)]: now } }) });
    expect(legacy.stash).toMatchObject({ matched: false, codesToCheck: [] });
  });

  it('asks KMS VerifyMac about the next stored code, with its key, and never stashes the code', async () => {
    const evaluated = await evaluate(checkCode, 'request', { arguments: { sessionId, code: '123 456' }, stash: { ...counted, codesChecked: 1 } });
    const request = evaluated.result as { method: string; resourcePath: string; params: { headers: Record<string, string>; body: string } };
    expect(request).toMatchObject({ method: 'POST', resourcePath: '/', params: { headers: { 'x-amz-target': 'TrentService.VerifyMac' } } });
    expect(JSON.parse(request.params.body)).toEqual({
      KeyId: KEY,
      Mac: MAC,
      MacAlgorithm: 'HMAC_SHA_256',
      Message: Buffer.from(`${sessionId}123456`).toString('base64'),
    });
    expect(JSON.stringify(evaluated.stash)).not.toMatch(/123 ?456|MTIzNDU2/);
    // Nothing left to check, a match found, an answer known, or nothing counted: no request.
    for (const skipped of [{ ...counted, codesChecked: 2 }, { ...counted, matched: true }, { ...counted, answer: { verified: false } }, stash]) {
      const none = await evaluate(checkCode, 'request', { arguments: { sessionId, code: '123456' }, stash: skipped, prev: { result: null } });
      expect(none.result).toBeNull();
      expect(none.error).toBeUndefined();
    }
  });

  it('moves on after KMSInvalidMacException, and the last mismatch makes the attempt a wrong code', async () => {
    const invalid = kmsAnswer(400, { __type: 'KMSInvalidMacException', message: 'MAC verification failed.' });
    const first = await evaluate(checkCode, 'response', { arguments: { sessionId, code: '123456' }, stash: counted, result: invalid });
    expect(first.error).toBeUndefined();
    expect(first.stash).toMatchObject({ codesChecked: 1 });
    expect(first.stash).not.toHaveProperty('matched');
    const last = await evaluate(checkCode, 'response', { arguments: { sessionId, code: '123456' }, stash: { ...counted, codesChecked: 1 }, result: invalid });
    expect(last.stash).toMatchObject({ codesChecked: 2, matched: false });
    expect(last.stash).not.toHaveProperty('matchedMac');
    const valid = await evaluate(checkCode, 'response', {
      arguments: { sessionId, code: '123456' },
      stash: { ...counted, codesChecked: 1 },
      result: kmsAnswer(200, { KeyId: KEY, MacValid: true, MacAlgorithm: 'HMAC_SHA_256' }),
    });
    expect(valid.stash).toMatchObject({ matched: true, matchedMac: MAC });
  });

  it('any other KMS answer, or none, is an InternalFailure: never VERIFIED, never a wrong code', async () => {
    const failures = [
      { result: kmsAnswer(400, { __type: 'ThrottlingException', message: 'Rate exceeded' }) },
      { result: kmsAnswer(400, { __type: 'DisabledException' }) },
      { result: kmsAnswer(400, { __type: 'AccessDeniedException' }) },
      { result: kmsAnswer(500, { __type: 'KMSInternalException' }) },
      { result: kmsAnswer(200, { MacValid: false }) },
      { result: null, error: { type: 'Http:ExecutionTimeoutException', message: 'execution timed out' } },
    ];
    for (const failure of failures) {
      const evaluated = await evaluate(checkCode, 'response', { arguments: { sessionId, code: '123456' }, stash: counted, ...failure });
      expect(evaluated.error, JSON.stringify(failure)).toBe('The code could not be checked.');
      expect(evaluated.stash).not.toHaveProperty('matched');
    }
  });

  it('does not hold an attempt made before any code was sent against the user', async () => {
    const evaluated = await evaluate(countAttempt, 'response', {
      stash,
      result: session({ codes: {}, attempts: 2 }),
      error: { type: 'DynamoDB:ConditionalCheckFailedException', message: 'The conditional request failed' },
    });
    expect(evaluated.result).toEqual({ verified: false, status: 'INVALID_CODE', attemptsRemaining: 3, token: null });
  });

  it('a verifying transaction that was cancelled for another reason, or returned nothing, is an error, never VERIFIED', async () => {
    const matched = { ...stash, matched: true, matchedMac: MAC, mailbox: 'bob@example.com', attemptsAfter: 1 };
    const conflict = await evaluate(verifySession, 'response', {
      stash: matched,
      result: { cancellationReasons: [{ type: 'TransactionConflict' }, { type: 'None' }] },
      error: { type: 'DynamoDB:TransactionCanceledException', message: 'Transaction cancelled' },
    });
    expect(conflict.error).toBe('Transaction cancelled');
    expect(conflict.stash).not.toHaveProperty('answer');
    const nothing = await evaluate(verifySession, 'response', { stash: matched, result: null });
    expect(nothing.error).toBeTruthy();
    expect(nothing.result).toBeUndefined();
  });

  it('a right code on a locked mailbox is LOCKED, and a right code whose session changed meanwhile is not VERIFIED', async () => {
    const matched = { ...stash, matched: true, matchedMac: MAC, mailbox: 'bob@example.com', attemptsAfter: 1 };
    const locked = await evaluate(verifySession, 'response', {
      stash: matched,
      result: { cancellationReasons: [{ type: 'None' }, { type: 'ConditionalCheckFailed', item: { pk: 'MAILBOX#bob@example.com', lockedUntil: now + 60 } }] },
    });
    expect(locked.result).toEqual({ verified: false, status: 'LOCKED', attemptsRemaining: 0, token: null });
    const used = await evaluate(verifySession, 'response', {
      stash: matched,
      result: { cancellationReasons: [{ type: 'ConditionalCheckFailed', item: session({ status: 'VERIFIED' }) }, { type: 'None' }] },
    });
    expect(used.result).toEqual({ verified: false, status: 'ALREADY_USED', attemptsRemaining: 0, token: null });
  });

  it('sends no verifying write for a code that did not match, or was not checked', async () => {
    for (const unmatched of [{ ...stash, matched: false }, { ...stash, matched: true }, { ...counted }]) {
      const evaluated = await evaluate(verifySession, 'request', { stash: unmatched, prev: { result: null } });
      expect(evaluated.result).toBeNull();
      expect(evaluated.error).toBeUndefined();
    }
    // The write requires the MAC KMS accepted to be one of the session's still: a withdrawn code cannot verify.
    const write = await evaluate(verifySession, 'request', { stash: { ...counted, matched: true, matchedMac: MAC }, prev: { result: null } });
    const update = (write.result as { transactItems: { condition: { expression: string; expressionNames: Record<string, string> } }[] }).transactItems[0];
    expect(update?.condition.expression).toContain('attribute_exists(codes.#code)');
    expect(update?.condition.expressionNames['#code']).toBe(MAC);
    const withdrawn = await evaluate(verifySession, 'response', {
      stash: { ...counted, matched: true, matchedMac: MAC },
      result: { cancellationReasons: [{ type: 'ConditionalCheckFailed', item: session({ codes: {} }) }, { type: 'None' }] },
    });
    expect(withdrawn.result).toMatchObject({ verified: false, status: 'INVALID_CODE' });
  });

  it('counts no mailbox failure for an attempt whose check did not finish (KMS failed, or nothing was counted)', async () => {
    for (const unfinished of [counted, stash]) {
      const evaluated = await evaluate(countFailure, 'request', { stash: unfinished, prev: { result: null } });
      expect(evaluated.result).toBeNull();
    }
  });

  it('a pipeline that ends without an answer is an error', async () => {
    const evaluated = await evaluate(verifyOtp, 'response', { stash, prev: { result: null } });
    expect(evaluated.error).toBe('The code could not be checked.');
  });
});

describe('publishOtpVerified publishes only the truth, only for the publisher', () => {
  const args = { sessionId, email: 'bob+1@example.com', verifiedAt: '2000-01-01T00:00:00.000Z' };
  const iamIdentity = (userArn: string) => ({ accountId: '000000000000', userArn, username: 'AROAEXAMPLE:fn', sourceIp: ['127.0.0.1'] });

  it('refuses every caller but a session of the publisher role, before reading anything', async () => {
    for (const identity of [null, iamIdentity('arn:aws:iam::000000000000:user/local'), iamIdentity('arn:aws:sts::000000000000:assumed-role/Other/fn')]) {
      const evaluated = await evaluate(publish, 'request', { arguments: args, identity });
      expect(evaluated.error).toMatch(/Not Authorized/);
    }
    const allowed = await evaluate(publish, 'request', {
      arguments: args,
      identity: iamIdentity('arn:aws:sts::000000000000:assumed-role/OtpService-Publisher/publisher-fn'),
    });
    expect(allowed.result).toMatchObject({ operation: 'GetItem', key: { pk: { S: `SESSION#${sessionId}` } }, consistentRead: true });
  });

  it('publishes the session as stored, and nothing for a session that is not VERIFIED with that email', async () => {
    const verifiedAt = new Date(now * 1000).toISOString();
    const published = await evaluate(publish, 'response', { arguments: args, result: session({ status: 'VERIFIED', verifiedAt, email: 'bob+1@example.com' }) });
    expect(published.result).toEqual({ sessionId, email: 'bob+1@example.com', phoneNumber: null, verifiedAt });
    for (const result of [null, session(), session({ status: 'VERIFIED', verifiedAt, email: 'mallory@example.com' })]) {
      const refused = await evaluate(publish, 'response', { arguments: args, result });
      expect(refused.error).toBe('No verified session matches this event.');
    }
  });
});
