/**
 * generateSmsOtp end to end on a stack of this file's own: phone validation (E.164, allowed countries), nothing
 * written for a refusal, the per-number limits under a concurrent burst, the hourly SMS budgets (refuse, then recover
 * in the next hour of an adjustable clock), delivery through the local SNS and verification of the texted code, and a
 * number SNS refuses for good (marked undeliverable, not retried), and the text's language from `locale`. Small numbers: 3 codes per number per window, no
 * cooldown, 6 SMS per country and 12 in all per hour.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { adjustableClock } from 'appsync-local';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GenerateSmsOtpDocument, type GenerateSmsOtpMutation, VerificationDocument, VerifyOtpDocument } from '../infra/documents/generated/graphql.ts';
import { SESSION_KEY_PREFIX, SMS_CHANNEL } from '../infra/model/index.ts';
import { graphql, type GraphQLAnswer } from './support/graphql-client.ts';
import { startOtpStack, type OtpStack } from './support/otp-stack.ts';
import { listTexts, textsTo as textsIn } from './support/sms-inbox.ts';
import { findTableName, localDynamoDb } from './support/table.ts';
import { testDynamoDbLocal } from '../local/test-support/dynamodb-local.ts';

const PER_NUMBER = 3;
const COUNTRY_PER_HOUR = 6;
const GLOBAL_PER_HOUR = 12;
const SENDER_ID = 'AcmeOTP';
const INVALID_NUMBER = '+34612345600';

const clock = adjustableClock();
let stack: OtpStack;
let smsUrl: string;

beforeAll(async () => {
  stack = await startOtpStack({
    stateDir: '.local/test-sms',
    dynamodbLocal: testDynamoDbLocal,
    web: false,
    log: () => {},
    clock,
    sms: { invalidNumbers: [INVALID_NUMBER] },
    context: {
      resendCooldownSeconds: '0',
      maxCodesPerWindow: String(PER_NUMBER),
      smsCountrySendsPerHour: String(COUNTRY_PER_HOUR),
      smsGlobalSendsPerHour: String(GLOBAL_PER_HOUR),
      smsSenderId: SENDER_ID,
    },
  });
  smsUrl = stack.endpoints.smsUrl!;
  expect(smsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  // Start at the beginning of an hour of the stack's clock, so the hourly budgets do not roll over mid-test.
  clock.set(Math.ceil(clock.now() / 3_600_000) * 3_600_000 + 1_000);
}, 600_000);

afterAll(async () => {
  await stack?.stop();
}, 120_000);

const generate = (phoneNumber: string, locale?: string) =>
  graphql(stack.endpoints, GenerateSmsOtpDocument, { phoneNumber, ...(locale ? { locale } : {}) });
const verify = (sessionId: string, code: string) => graphql(stack.endpoints, VerifyOtpDocument, { sessionId, code });

const inbox = () => listTexts(stack.endpoints);
const textsTo = (phoneNumber: string) => textsIn(stack.endpoints, phoneNumber);

async function smsSessions(): Promise<Record<string, unknown>[]> {
  const client = localDynamoDb(stack.endpoints);
  try {
    const { Items = [] } = await client.send(
      new ScanCommand({
        TableName: await findTableName(client),
        FilterExpression: 'begins_with(pk, :session) AND channel = :sms',
        ExpressionAttributeValues: { ':session': { S: SESSION_KEY_PREFIX }, ':sms': { S: SMS_CHANNEL } },
      }),
    );
    return Items.map((item) => unmarshall(item));
  } finally {
    client.destroy();
  }
}

function expectRefused(answer: GraphQLAnswer<GenerateSmsOtpMutation>, errorType: string): void {
  expect(answer.body.data?.generateSmsOtp ?? null).toBeNull();
  expect(answer.body.errors?.[0]).toMatchObject({ errorType, path: ['generateSmsOtp'] });
}

describe('generateSmsOtp', () => {
  it('normalizes a formatted number to E.164 and texts the code, which verifies; wrong codes count attempts', async () => {
    const answer = await generate('+44 (7400) 123-456');
    const sessionId = answer.body.data!.generateSmsOtp.sessionId;
    const session = (await smsSessions()).find((item) => item.sessionId === sessionId);
    expect(session).toMatchObject({ channel: 'SMS', phoneNumber: '+447400123456', mailbox: '+447400123456', country: 'GB' });
    expect(session).not.toHaveProperty('email');

    await expect.poll(() => textsTo('+447400123456')).toHaveLength(1);
    const [sms] = await textsTo('+447400123456');
    expect(sms!.senderId).toBe(SENDER_ID);
    const code = /^(\d{6}) is your .+ code\. Don't share it\./.exec(sms!.message)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    await expect.poll(async () => (await smsSessions()).find((item) => item.sessionId === sessionId)?.smsSentAt).toBeTruthy();

    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect((await verify(sessionId, wrong)).body.data?.verifyOtp).toMatchObject({ verified: false, status: 'INVALID_CODE', attemptsRemaining: 4 });
    const verified = await verify(sessionId, code!);
    expect(verified.body.data?.verifyOtp).toMatchObject({ verified: true, status: 'VERIFIED' });
    expect(verified.body.errors).toBeUndefined();
    // The token proves the phone number: sub and phone_number, no email.
    const { payload } = await jwtVerify(verified.body.data!.verifyOtp.token!, createRemoteJWKSet(new URL(stack.endpoints.jwksUrl)), {
      issuer: stack.endpoints.graphqlUrl,
      algorithms: ['ES256'],
    });
    expect(payload).toMatchObject({ sub: '+447400123456', phone_number: '+447400123456', sid: sessionId });
    expect(payload).not.toHaveProperty('email');
    // A backend looks the session up (IAM): the phone number, no email.
    const lookup = await graphql(stack.endpoints, VerificationDocument, { sessionId }, { iam: stack.endpoints.iam, region: stack.endpoints.region });
    expect(lookup.body.data?.verification).toMatchObject({ sessionId, email: null, phoneNumber: '+447400123456', state: 'VERIFIED' });
  });

  it('refuses malformed numbers with BadRequest and other countries or non-mobile numbers with UnsupportedDestination, writing nothing', async () => {
    const before = (await smsSessions()).length;
    for (const number of ['4155550123', '+1 201 555', '+33 6 12 34 56 7', '+49 30 1']) expectRefused(await generate(number), 'BadRequest');
    // Letters never reach the resolver: the AWSPhone scalar refuses them (a validation error, no errorType of ours).
    const letters = await generate('+1 201 555 01a0');
    expect(letters.body.data?.generateSmsOtp ?? null).toBeNull();
    expect(letters.body.errors?.[0]?.message).toMatch(/AWSPhone|phone/i);
    for (const number of ['+91 98765 43210', '+882 1234 5678', '+44 20 7946 0018', '+1 876 555 0123']) {
      expectRefused(await generate(number), 'UnsupportedDestination');
    }
    await stack.settled();
    expect(await smsSessions()).toHaveLength(before);
    expect((await inbox()).filter((sms) => ['+919876543210', '+88212345678', '+442079460018', '+18765550123'].includes(sms.phoneNumber))).toEqual([]);
  });

  it('lets at most the per-number limit through a concurrent burst to one number in all its formats', async () => {
    const variants = ['+1 201 555 0111', '+1 (201) 555-0111', '+1 (201)555-0111', '+12015550111', '+1 201-555-0111', '+1 (201) 5550111', '+1 2015550111', '+1 201 5550111'];
    const answers = await Promise.all(variants.map((number) => generate(number)));
    const accepted = answers.filter((answer) => answer.body.data?.generateSmsOtp);
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    expect(accepted.length).toBeLessThanOrEqual(PER_NUMBER);
    for (const answer of answers.filter((candidate) => !candidate.body.data?.generateSmsOtp)) {
      expect(answer.body.errors?.[0]?.errorType).toBe('RateLimitExceeded');
    }
    await stack.settled();
    expect(await textsTo('+12015550111')).toHaveLength(accepted.length);
    // And sequentially: once the window holds PER_NUMBER, the number is refused.
    for (let index = accepted.length; index < PER_NUMBER; index += 1) expect((await generate('+12015550111')).body.data?.generateSmsOtp).toBeTruthy();
    expectRefused(await generate('+1 201 555 0111'), 'RateLimitExceeded');
  });

  it('marks a session undeliverable, without retries, when SNS refuses the number for good', async () => {
    const answer = await generate(INVALID_NUMBER);
    const sessionId = answer.body.data!.generateSmsOtp.sessionId;
    await expect
      .poll(async () => (await smsSessions()).find((item) => item.sessionId === sessionId))
      .toMatchObject({ undeliverableReason: expect.stringMatching(/InvalidParameter/), codes: {} });
    expect(await textsTo(INVALID_NUMBER)).toEqual([]);
  });

  it('refuses past the hourly country budget and the global one, and recovers in the next hour', async () => {
    const french = (index: number) => `+33 6 12 34 56 ${String(10 + index)}`;
    const accepted: string[] = [];
    let refusal: GraphQLAnswer<GenerateSmsOtpMutation> | undefined;
    for (let index = 0; index < COUNTRY_PER_HOUR + 1 && !refusal; index += 1) {
      const answer = await generate(french(index));
      if (answer.body.data?.generateSmsOtp) accepted.push(french(index));
      else refusal = answer;
    }
    expect(accepted).toHaveLength(COUNTRY_PER_HOUR);
    expectRefused(refusal!, 'RateLimitExceeded');
    expect(refusal!.body.errors![0]!.message).toMatch(/text messages are being sent/);

    // The global budget: other countries until it is used up; the SMS sessions written are exactly the budget.
    let globalRefusal: GraphQLAnswer<GenerateSmsOtpMutation> | undefined;
    for (let index = 0; index < GLOBAL_PER_HOUR && !globalRefusal; index += 1) {
      const answer = await generate(`+49 1512 34567${String(10 + index)}`);
      if (!answer.body.data?.generateSmsOtp) globalRefusal = answer;
    }
    expectRefused(globalRefusal!, 'RateLimitExceeded');
    expect(await smsSessions()).toHaveLength(GLOBAL_PER_HOUR);
    const retryAfter = Date.parse((globalRefusal!.body.errors![0]!.errorInfo as { retryAfter: string }).retryAfter);
    expect(retryAfter % 3_600_000).toBe(0);

    clock.set(retryAfter + 1_000);
    expect((await generate(french(COUNTRY_PER_HOUR + 1))).body.data?.generateSmsOtp).toBeTruthy();
  });

  // After the budget test: it counts every SMS session of the hour, and this one runs in the next hour.
  it('texts in the locale asked for: "de" and "de-AT" in German, an unknown locale in English, a malformed one refused', async () => {
    const cases = [
      { phoneNumber: '+4915123456789', locale: 'de', text: /^(\d{6}) ist Ihr .+-Code\. Geben Sie ihn nicht weiter\./ },
      { phoneNumber: '+4915123456790', locale: 'de-AT', text: /^(\d{6}) ist Ihr .+-Code\. Geben Sie ihn nicht weiter\./ },
      { phoneNumber: '+447400200001', locale: 'pt-BR', text: /^(\d{6}) is your .+ code\. Don't share it\./ },
    ];
    for (const { phoneNumber, locale, text } of cases) {
      const answer = await generate(phoneNumber, locale);
      const sessionId = answer.body.data?.generateSmsOtp.sessionId;
      expect(sessionId, locale).toBeTruthy();
      // The session keeps the tag as asked; the function picks the language from it.
      expect((await smsSessions()).find((item) => item.sessionId === sessionId)?.locale, locale).toBe(locale);
      await expect.poll(() => textsTo(phoneNumber), { message: locale }).toHaveLength(1);
      const [sms] = await textsTo(phoneNumber);
      expect(sms!.message, locale).toMatch(text);
    }
    const malformed = await generate('+447400200002', 'not a locale!');
    expectRefused(malformed, 'BadRequest');
    await stack.settled();
    expect(await textsTo('+447400200002')).toEqual([]);
  });
});
