/**
 * Failures between two writes, and answers that could be forged: each handler of verifyOtp and publishOtpVerified
 * is evaluated on the data-source results an attacker (or a bad moment) could produce — a throttled count, a
 * conflicting transaction, a missing result, a caller that is not the publisher — through AppSync's EvaluateCode
 * API on the local engine, called with AWS's own SDK client. None of them may answer VERIFIED or publish an event.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { codeEvaluator, resolverCode as code } from './support/evaluate-code.ts';

const evaluator = codeEvaluator(inject('endpoints'));
afterAll(() => evaluator.destroy());

const SECRET = 'k'.repeat(64);
const PUBLISHER_ROLE = 'arn:aws:iam::000000000000:role/OtpService-Publisher';
const env = { TABLE_NAME: 'otp-table', OTP_HMAC_SECRET: SECRET, OTP_MAX_ATTEMPTS: '5', OTP_PUBLISHER_ROLE_ARN: PUBLISHER_ROLE };
const countAttempt = code('Mutation.verifyOtp/1-countAttempt.[table].ts');
const verifySession = code('Mutation.verifyOtp/2-verifySession.[table].ts');
const verifyOtp = code('Mutation.verifyOtp/resolver.ts');
const publish = code('Mutation.publishOtpVerified.[table].ts');

/** Evaluates with the API's environment. */
const evaluate = (source: string, fn: 'request' | 'response', context: Record<string, unknown>) =>
  evaluator.evaluate(source, fn, { env, ...context });

const sessionId = randomUUID();
const codeHash = createHmac('sha256', SECRET).update(`${sessionId}123456`).digest('hex');
const now = Math.floor(Date.now() / 1000);
const stash = { sessionId, codeHash, nowSeconds: now, nowIso: new Date(now * 1000).toISOString() };
const session = (overrides: Record<string, unknown> = {}) => ({
  pk: `SESSION#${sessionId}`,
  sessionId,
  email: 'bob+1@example.com',
  mailbox: 'bob@example.com',
  status: 'PENDING',
  attempts: 1,
  expiresAt: now + 300,
  codes: { [codeHash]: now },
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

  it('compares only a counted attempt, against the hashes the counting write returned', async () => {
    const counted = await evaluate(countAttempt, 'response', { stash, result: session() });
    expect(counted.stash).toMatchObject({ matched: true, attemptsAfter: 1, mailbox: 'bob@example.com' });
    const other = await evaluate(countAttempt, 'response', { stash, result: session({ codes: { ['0'.repeat(64)]: now } }) });
    expect(other.stash).toMatchObject({ matched: false });
  });

  it('does not hold an attempt made before any code was sent against the user', async () => {
    const evaluated = await evaluate(countAttempt, 'response', {
      stash,
      result: session({ codes: {}, attempts: 2 }),
      error: { type: 'DynamoDB:ConditionalCheckFailedException', message: 'The conditional request failed' },
    });
    expect(evaluated.result).toEqual({ verified: false, status: 'INVALID_CODE', attemptsRemaining: 3 });
  });

  it('a verifying transaction that was cancelled for another reason, or returned nothing, is an error, never VERIFIED', async () => {
    const matched = { ...stash, matched: true, mailbox: 'bob@example.com', attemptsAfter: 1 };
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
    const matched = { ...stash, matched: true, mailbox: 'bob@example.com', attemptsAfter: 1 };
    const locked = await evaluate(verifySession, 'response', {
      stash: matched,
      result: { cancellationReasons: [{ type: 'None' }, { type: 'ConditionalCheckFailed', item: { pk: 'MAILBOX#bob@example.com', lockedUntil: now + 60 } }] },
    });
    expect(locked.result).toEqual({ verified: false, status: 'LOCKED', attemptsRemaining: 0 });
    const used = await evaluate(verifySession, 'response', {
      stash: matched,
      result: { cancellationReasons: [{ type: 'ConditionalCheckFailed', item: session({ status: 'VERIFIED' }) }, { type: 'None' }] },
    });
    expect(used.result).toEqual({ verified: false, status: 'ALREADY_USED', attemptsRemaining: 0 });
  });

  it('sends no verifying write for a code that did not match', async () => {
    const evaluated = await evaluate(verifySession, 'request', { stash: { ...stash, matched: false }, prev: { result: null } });
    expect(evaluated.result).toBeNull();
    expect(evaluated.error).toBeUndefined();
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
    expect(published.result).toEqual({ sessionId, email: 'bob+1@example.com', verifiedAt });
    for (const result of [null, session(), session({ status: 'VERIFIED', verifiedAt, email: 'mallory@example.com' })]) {
      const refused = await evaluate(publish, 'response', { arguments: args, result });
      expect(refused.error).toBe('No verified session matches this event.');
    }
  });
});
