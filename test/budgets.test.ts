/**
 * The failure budget per mailbox and the global and per-domain send budgets, end to end on a stack of this file's
 * own with small numbers: 3 failures lock a mailbox for a minute (doubling), 10 codes a minute in all and 4 per
 * domain. The cooldown is off so one address can ask again at once. A lock is ended by moving its end into the
 * past in the table (as time would), not by waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtpStack, type OtpStack } from './support/otp-stack.ts';
import { GenerateOtpDocument, type GenerateOtpMutation, VerifyOtpDocument } from '../infra/documents/generated/graphql.ts';
import { graphql, type GraphQLAnswer } from './support/graphql-client.ts';
import { codeIn, emailsTo, listEmails, waitForEmail } from './support/inbox.ts';
import { SessionTable } from './support/table.ts';
import { guardPk } from '../infra/model/index.ts';

const FAILURE_BUDGET = 3;
const LOCKOUT_SECONDS = 60;
const GLOBAL_PER_MINUTE = 10;
const DOMAIN_PER_MINUTE = 4;

let stack: OtpStack;
let table: SessionTable;

beforeAll(async () => {
  stack = await startOtpStack({
    stateDir: '.local/test-budgets',
    web: false,
    log: () => {},
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
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
    // This runs first on this file's stack, so nothing else counts in its minutes; start early in a minute so
    // every request below counts in the same one.
    if (Date.now() % 60_000 > 30_000) await sleep(60_000 - (Date.now() % 60_000) + 200);
    const run = unique();
    const domain = (n: number) => `d${n}-${run}.example`;

    for (let i = 0; i < DOMAIN_PER_MINUTE; i += 1) expect((await generate(`u${i}@${domain(1)}`)).body.errors).toBeUndefined();
    const domainRefusal = expectRefused(await generate(`u9@${domain(1)}`), 'RateLimitExceeded');
    expect(domainRefusal.retryAfter).toBe(new Date(Math.ceil(Date.now() / 60_000) * 60_000).toISOString());

    // Other domains still pass until the global budget is used up too.
    for (let n = 2; n < 2 + GLOBAL_PER_MINUTE - DOMAIN_PER_MINUTE; n += 1) {
      expect((await generate(`u@${domain(n)}`)).body.errors).toBeUndefined();
    }
    const globalRefusal = expectRefused(await generate(`u@${domain(99)}`), 'RateLimitExceeded');
    expect(globalRefusal.retryAfter).toBe(domainRefusal.retryAfter);
    await sleep(3000);
    expect(emailsTo(await listEmails(stack.endpoints), `u9@${domain(1)}`)).toHaveLength(0);
    expect(emailsTo(await listEmails(stack.endpoints), `u@${domain(99)}`)).toHaveLength(0);

    // The next minute, both budgets are open again.
    await sleep(Date.parse(globalRefusal.retryAfter) - Date.now() + 200);
    expect((await generate(`u9@${domain(1)}`)).body.errors).toBeUndefined();
    expect((await generate(`u@${domain(99)}`)).body.errors).toBeUndefined();
  }, 150_000);
});

describe('failure budget per mailbox', () => {
  /** The lock after `failures` failures: LOCKOUT_SECONDS at the budget, doubled per failure past it. */
  const lockFor = (failures: number) => LOCKOUT_SECONDS * 2 ** (failures - FAILURE_BUDGET);
  const lockEnd = async (mailbox: string) => (await table.guard(guardPk(mailbox)))?.lockedUntil as number;

  it('locks the mailbox after 3 failures across its variants, for right codes too, then reopens; later locks are longer', async () => {
    const base = `lock${unique()}`;
    const mailbox = `${base}@lock.example`;
    const first = await newSession(`${base}+a@lock.example`);
    expect((await verify(first.sessionId, wrongFor(first.code, 1))).body.data?.verifyOtp?.status).toBe('INVALID_CODE');
    const second = await newSession(`${base}+b@lock.example`);
    expect((await verify(second.sessionId, wrongFor(second.code, 1))).body.data?.verifyOtp?.status).toBe('INVALID_CODE');
    // The third failure on the mailbox, though only the second on this session, uses up the budget.
    let at = Math.floor(Date.now() / 1000);
    expect((await verify(second.sessionId, wrongFor(second.code, 2))).body.data?.verifyOtp).toEqual({
      verified: false,
      status: 'LOCKED',
      attemptsRemaining: 0,
    });
    expect((await lockEnd(mailbox)) - at).toBeGreaterThanOrEqual(lockFor(3) - 1);
    expect((await lockEnd(mailbox)) - at).toBeLessThanOrEqual(lockFor(3) + 1);
    // Locked: the right code gets the same answer as a wrong one (which still counts, and lengthens the lock).
    expect((await verify(first.sessionId, first.code)).body.data?.verifyOtp?.status).toBe('LOCKED');
    at = Math.floor(Date.now() / 1000);
    expect((await verify(second.sessionId, wrongFor(second.code, 3))).body.data?.verifyOtp?.status).toBe('LOCKED');
    expect((await lockEnd(mailbox)) - at).toBeGreaterThanOrEqual(lockFor(4) - 1);
    // No new code for any variant while locked.
    const mailBefore = (await listEmails(stack.endpoints)).length;
    const refused = expectRefused(await generate(`${base}+x@lock.example`), 'MailboxLocked');
    expect(Date.parse(refused.retryAfter)).toBeGreaterThanOrEqual((await lockEnd(mailbox)) * 1000);
    expect(Date.parse(refused.retryAfter)).toBeLessThan((await lockEnd(mailbox)) * 1000 + 10_000);
    await sleep(1000);
    expect((await listEmails(stack.endpoints)).length).toBe(mailBefore);

    // Once the lock has passed the mailbox works again.
    await table.setNumber(guardPk(mailbox), 'lockedUntil', Math.floor(Date.now() / 1000) - 1);
    const fresh = await newSession(mailbox);
    expect((await verify(fresh.sessionId, fresh.code)).body.data?.verifyOtp?.status).toBe('VERIFIED');

    // The next failure (the fifth) locks again at once, for twice as long as the fourth did.
    const later = await newSession(`${base}+d@lock.example`);
    at = Math.floor(Date.now() / 1000);
    expect((await verify(later.sessionId, wrongFor(later.code, 1))).body.data?.verifyOtp?.status).toBe('LOCKED');
    expect((await lockEnd(mailbox)) - at).toBeGreaterThanOrEqual(lockFor(5) - 1);
    expect((await lockEnd(mailbox)) - at).toBeLessThanOrEqual(lockFor(5) + 1);
  }, 120_000);
});
