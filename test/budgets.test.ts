/**
 * The failure budget per mailbox and the global and per-domain send budgets, end to end on a stack of this file's
 * own with small numbers: 3 failures lock a mailbox for a minute (doubling), 10 codes a minute in all and 4 per
 * domain. The cooldown is off so one address can ask again at once. The stack runs on an adjustable clock: the next
 * minute and the end of a lock are reached by moving the time its resolvers see, not by waiting. (The email function
 * keeps the machine's time; sessions created ahead of it only look fresher to its expiry check.)
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { adjustableClock } from 'appsync-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtpStack, type OtpStack } from './support/otp-stack.ts';
import { GenerateOtpDocument, type GenerateOtpMutation, VerifyOtpDocument } from '../infra/documents/generated/graphql.ts';
import { graphql, type GraphQLAnswer } from './support/graphql-client.ts';
import { codeIn, emailsTo, listEmails, waitForEmail } from './support/inbox.ts';
import { findTableName, localDynamoDb, SessionTable } from './support/table.ts';
import { guardPk, POLICY_DEFAULTS, SESSION_KEY_PREFIX } from '../infra/model/index.ts';
import { testDynamoDbLocal } from '../local/test-support/dynamodb-local.ts';

const FAILURE_BUDGET = 3;
const LOCKOUT_SECONDS = 60;
const GLOBAL_PER_MINUTE = 10;
const DOMAIN_PER_MINUTE = 4;

const clock = adjustableClock();
let stack: OtpStack;
let table: SessionTable;

beforeAll(async () => {
  stack = await startOtpStack({
    stateDir: '.local/test-budgets',
    dynamodbLocal: testDynamoDbLocal,
    web: false,
    log: () => {},
    clock,
    context: {
      resendCooldownSeconds: '0',
      failureBudget: String(FAILURE_BUDGET),
      lockoutSeconds: String(LOCKOUT_SECONDS),
      maxLockoutSeconds: '3600',
      globalSendsPerMinute: String(GLOBAL_PER_MINUTE),
      domainSendsPerMinute: String(DOMAIN_PER_MINUTE),
    },
  });
  table = new SessionTable(stack.endpoints);
}, 600_000);

afterAll(async () => {
  table?.close();
  await stack?.stop();
}, 120_000);

/** The pause between two polls. */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The start of the next minute of the stack's clock (epoch ms), where the per-minute budgets open again. */
const nextMinute = () => Math.ceil(clock.now() / 60_000) * 60_000;
/** The moment the resolvers see, in epoch seconds. */
const nowSeconds = () => Math.floor(clock.now() / 1000);
const unique = () => `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
const generate = (email: string) => graphql(stack.endpoints, GenerateOtpDocument, { email });
const verify = (sessionId: string, code: string) => graphql(stack.endpoints, VerifyOtpDocument, { sessionId, code });

interface RetryInfo {
  retryAfter: string;
  retryAfterSeconds: number;
}

/** Asserts a refusal of generateOtp with this errorType and a retry time, and returns the retry time. */
function expectRefused(answer: GraphQLAnswer<GenerateOtpMutation>, errorType: string): RetryInfo {
  expect(answer.body.data?.generateOtp ?? null).toBeNull();
  expect(answer.body.errors?.[0]).toMatchObject({ errorType, path: ['generateOtp'] });
  const info = answer.body.errors![0]!.errorInfo as RetryInfo;
  expect(info.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  expect(Date.parse(info.retryAfter) % 10_000).toBe(0);
  return info;
}

/**
 * The session items addressed to `email`, read straight from the table. A refused generateOtp must leave none: no
 * session means no stream record, so the email function never sees it and nothing can be sent.
 */
async function sessionsTo(email: string): Promise<Record<string, unknown>[]> {
  const client = localDynamoDb(stack.endpoints);
  try {
    const { Items = [] } = await client.send(
      new ScanCommand({
        TableName: await findTableName(client),
        FilterExpression: 'begins_with(pk, :session) AND #email = :email',
        ExpressionAttributeNames: { '#email': 'email' },
        ExpressionAttributeValues: { ':session': { S: SESSION_KEY_PREFIX }, ':email': { S: email } },
      }),
    );
    return Items.map((item) => unmarshall(item));
  } finally {
    client.destroy();
  }
}

/**
 * Waits until the email function has sent `sessionId`'s email (it records `emailedAt` once SES accepted it), then
 * answers how many emails `email` has: after a refusal and a later accepted request for the same address, exactly one.
 */
async function emailsOnceSent(email: string, sessionId: string): Promise<number> {
  await expect.poll(async () => (await table.session(sessionId))?.emailedAt, { timeout: 30_000 }).toBeDefined();
  return emailsTo(await listEmails(stack.endpoints), email).length;
}

async function newSession(email: string): Promise<{ sessionId: string; code: string }> {
  const answer = await generate(email);
  const sessionId = answer.body.data?.generateOtp?.sessionId;
  if (!sessionId) throw new Error(`generateOtp failed: ${JSON.stringify(answer.body)}`);
  const mail = emailsTo(await listEmails(stack.endpoints), email).length;
  const deadline = Date.now() + 30_000;
  while (emailsTo(await listEmails(stack.endpoints), email).length === mail && Date.now() < deadline) await sleep(25);
  const latest = emailsTo(await listEmails(stack.endpoints), email).at(-1) ?? (await waitForEmail(stack.endpoints, email));
  return { sessionId, code: codeIn(latest) };
}

const wrongFor = (code: string, offset: number) => String((Number(code) + offset) % 10 ** code.length).padStart(code.length, '0');

describe('global and per-domain send budgets', () => {
  it('refuse with RateLimitExceeded once a minute is used up, send nothing, and recover the next minute', async () => {
    // This runs first on this file's stack, so nothing else counts in its minutes. One second into a fresh minute of
    // the stack's clock, every request below counts in that minute.
    clock.set(nextMinute() + 1_000);
    const run = unique();
    const domain = (n: number) => `d${n}-${run}.example`;

    for (let i = 0; i < DOMAIN_PER_MINUTE; i += 1) expect((await generate(`u${i}@${domain(1)}`)).body.errors).toBeUndefined();
    const domainRefusal = expectRefused(await generate(`u9@${domain(1)}`), 'RateLimitExceeded');
    expect(domainRefusal.retryAfter).toBe(new Date(nextMinute()).toISOString());

    // Other domains still pass until the global budget is used up too.
    for (let n = 2; n < 2 + GLOBAL_PER_MINUTE - DOMAIN_PER_MINUTE; n += 1) {
      expect((await generate(`u@${domain(n)}`)).body.errors).toBeUndefined();
    }
    const globalRefusal = expectRefused(await generate(`u@${domain(99)}`), 'RateLimitExceeded');
    expect(globalRefusal.retryAfter).toBe(domainRefusal.retryAfter);
    // A refusal writes nothing: no session, so nothing for the stream to carry to the email function.
    expect(await sessionsTo(`u9@${domain(1)}`)).toEqual([]);
    expect(await sessionsTo(`u@${domain(99)}`)).toEqual([]);
    // Still the same minute just before retryAfter: refused again.
    clock.advance(Date.parse(globalRefusal.retryAfter) - clock.now() - 5_000);
    expectRefused(await generate(`u@${domain(99)}`), 'RateLimitExceeded');

    // The next minute (past retryAfter), both budgets are open again.
    clock.advance(Date.parse(globalRefusal.retryAfter) - clock.now() + 200);
    for (const email of [`u9@${domain(1)}`, `u@${domain(99)}`]) {
      const sessionId = (await generate(email)).body.data?.generateOtp?.sessionId;
      expect(sessionId).toBeDefined();
      expect(await sessionsTo(email)).toHaveLength(1);
      // The accepted request's email is the address's only one: the refusals sent none.
      expect(await emailsOnceSent(email, sessionId!)).toBe(1);
    }
  }, 60_000);
});

describe('failure budget per mailbox', () => {
  /** The lock after `failures` failures: LOCKOUT_SECONDS at the budget, doubled per failure past it. */
  const lockFor = (failures: number) => LOCKOUT_SECONDS * 2 ** (failures - FAILURE_BUDGET);
  const lockEnd = async (mailbox: string) => (await table.guard(guardPk(mailbox)))?.lockedUntil as number;

  it('locks the mailbox after 3 failures across its variants, for right codes too, then reopens; later locks are longer', async () => {
    // Failures count in fixed windows (a day by default, from midnight UTC): the lock and its end move the clock some
    // minutes, which near the window's end would start a new count and lose the failures this test counts on. It
    // runs from the start of the next window instead, whatever the time of day.
    const windowSeconds = POLICY_DEFAULTS.failureWindowSeconds;
    clock.advance(((Math.floor(nowSeconds() / windowSeconds) + 1) * windowSeconds + 1) * 1000 - clock.now());
    const base = `lock${unique()}`;
    const mailbox = `${base}@lock.example`;
    const first = await newSession(`${base}+a@lock.example`);
    expect((await verify(first.sessionId, wrongFor(first.code, 1))).body.data?.verifyOtp?.status).toBe('INVALID_CODE');
    const second = await newSession(`${base}+b@lock.example`);
    expect((await verify(second.sessionId, wrongFor(second.code, 1))).body.data?.verifyOtp?.status).toBe('INVALID_CODE');
    // The third failure on the mailbox, though only the second on this session, uses up the budget.
    let at = nowSeconds();
    expect((await verify(second.sessionId, wrongFor(second.code, 2))).body.data?.verifyOtp).toEqual({
      verified: false,
      status: 'LOCKED',
      attemptsRemaining: 0,
      token: null,
    });
    expect((await lockEnd(mailbox)) - at).toBeGreaterThanOrEqual(lockFor(3) - 1);
    expect((await lockEnd(mailbox)) - at).toBeLessThanOrEqual(lockFor(3) + 1);
    // Locked: the right code gets the same answer as a wrong one (which still counts, and lengthens the lock).
    expect((await verify(first.sessionId, first.code)).body.data?.verifyOtp?.status).toBe('LOCKED');
    at = nowSeconds();
    expect((await verify(second.sessionId, wrongFor(second.code, 3))).body.data?.verifyOtp?.status).toBe('LOCKED');
    expect((await lockEnd(mailbox)) - at).toBeGreaterThanOrEqual(lockFor(4) - 1);
    // No new code for any variant while locked: the refusal writes no session, so nothing is sent (the inbox is
    // checked again at the end, once later sessions' emails went out).
    const refused = expectRefused(await generate(`${base}+x@lock.example`), 'MailboxLocked');
    expect(Date.parse(refused.retryAfter)).toBeGreaterThanOrEqual((await lockEnd(mailbox)) * 1000);
    expect(Date.parse(refused.retryAfter)).toBeLessThan((await lockEnd(mailbox)) * 1000 + 10_000);
    expect(await sessionsTo(`${base}+x@lock.example`)).toEqual([]);
    // A second before the lock ends, still locked.
    clock.advance((await lockEnd(mailbox)) * 1000 - clock.now() - 1_000);
    expect((await generate(mailbox)).body.errors?.[0]?.errorType).toBe('MailboxLocked');

    // Once the lock has passed (the clock moved beyond its end) the mailbox works again.
    clock.advance((await lockEnd(mailbox)) * 1000 - clock.now() + 1_000);
    const fresh = await newSession(mailbox);
    expect((await verify(fresh.sessionId, fresh.code)).body.data?.verifyOtp?.status).toBe('VERIFIED');

    // The next failure (the fifth) locks again at once, for twice as long as the fourth did.
    const later = await newSession(`${base}+d@lock.example`);
    at = nowSeconds();
    expect((await verify(later.sessionId, wrongFor(later.code, 1))).body.data?.verifyOtp?.status).toBe('LOCKED');
    expect((await lockEnd(mailbox)) - at).toBeGreaterThanOrEqual(lockFor(5) - 1);
    expect((await lockEnd(mailbox)) - at).toBeLessThanOrEqual(lockFor(5) + 1);
    expect(emailsTo(await listEmails(stack.endpoints), `${base}+x@lock.example`)).toHaveLength(0);
  }, 120_000);
});
