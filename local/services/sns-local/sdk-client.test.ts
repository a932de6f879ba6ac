/** The local SNS with AWS's own client (`@aws-sdk/client-sns`), as an SMS-sending function calls it. */
import {
  CheckIfPhoneNumberIsOptedOutCommand,
  GetSMSAttributesCommand,
  GetSMSSandboxAccountStatusCommand,
  InvalidParameterException,
  InvalidParameterValueException,
  ListPhoneNumbersOptedOutCommand,
  NotFoundException,
  OptInPhoneNumberCommand,
  PublishBatchCommand,
  PublishCommand,
  SetSMSAttributesCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InboxSnapshot } from './inbox.ts';
import { UNREACHABLE_RESPONSE } from './operations/publish.ts';
import { CREDENTIALS, REGION, startTestSns, type TestSns } from './test-sns.ts';

const INVALID = '+15550100400';
const UNREACHABLE = '+15550100404';
let t: TestSns;

beforeAll(async () => {
  t = await startTestSns({ invalidNumbers: [INVALID], unreachableNumbers: [UNREACHABLE] });
});
afterAll(() => t?.stop());
afterEach(async () => {
  await fetch(`${t.sns.url}/store`, { method: 'DELETE' });
});

async function store(): Promise<InboxSnapshot> {
  return (await (await fetch(`${t.sns.url}/store`)).json()) as InboxSnapshot;
}

const sms = (phoneNumber: string, message = '123456 is your Acme code.') => new PublishCommand({ PhoneNumber: phoneNumber, Message: message });

describe('Publish to a phone number', () => {
  it('puts the text in the inbox with its sender ID, type and origination number, under the MessageId it answered', async () => {
    const { MessageId } = await t.client.send(
      new PublishCommand({
        PhoneNumber: '+4915112345678',
        Message: '123456 is your Acme code.\n\n@acme.example #123456',
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'Acme' },
          'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: '+15550100001' },
          'AWS.SNS.SMS.MaxPrice': { DataType: 'Number', StringValue: '0.50' },
        },
      }),
    );
    expect(MessageId).toMatch(/^[0-9a-f-]{36}$/);
    const { messages, failedDeliveries } = await store();
    expect(failedDeliveries).toEqual([]);
    expect(messages).toEqual([
      {
        messageId: MessageId,
        phoneNumber: '+4915112345678',
        message: '123456 is your Acme code.\n\n@acme.example #123456',
        senderId: 'Acme',
        originationNumber: '+15550100001',
        smsType: 'Transactional',
        sentAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        encoding: 'GSM',
        parts: 1,
      },
    ]);
    expect(Date.now() - Date.parse(messages[0]!.sentAt)).toBeLessThan(60_000);
  });

  it("falls back to the account's DefaultSMSType and DefaultSenderID, and to Promotional, SNS's default", async () => {
    await t.client.send(sms('+4915112345678', 'one'));
    await t.client.send(new SetSMSAttributesCommand({ attributes: { DefaultSMSType: 'Transactional', DefaultSenderID: 'AcmeOTP' } }));
    try {
      await t.client.send(sms('+4915112345678', 'two'));
    } finally {
      await t.client.send(new SetSMSAttributesCommand({ attributes: { DefaultSMSType: 'Promotional', DefaultSenderID: 'Other1' } }));
    }
    const { messages } = await store();
    expect(messages.map(({ message, smsType, senderId }) => ({ message, smsType, senderId }))).toEqual([
      { message: 'one', smsType: 'Promotional', senderId: null },
      { message: 'two', smsType: 'Transactional', senderId: 'AcmeOTP' },
    ]);
  });

  it('counts the parts a text costs: a character outside GSM 03.38 makes all of it UCS-2', async () => {
    await t.client.send(sms('+33612345678', '123456 est votre code Acme. Ne le partagez avec personne, même pas avec le support — jamais.'));
    const [message] = (await store()).messages;
    expect(message).toMatchObject({ encoding: 'UCS2', parts: 2 });
  });

  it('uses the `sms` (else `default`) entry of a MessageStructure json message', async () => {
    await t.client.send(new PublishCommand({ PhoneNumber: '+33612345678', MessageStructure: 'json', Message: JSON.stringify({ default: 'd', sms: 's' }) }));
    await t.client.send(new PublishCommand({ PhoneNumber: '+33612345678', MessageStructure: 'json', Message: JSON.stringify({ default: 'd' }) }));
    expect((await store()).messages.map((message) => message.message)).toEqual(['s', 'd']);
    await expect(t.client.send(new PublishCommand({ PhoneNumber: '+33612345678', MessageStructure: 'json', Message: '{"sms":"s"}' }))).rejects.toThrow(
      'Invalid parameter: Message Structure - No default entry in JSON message body',
    );
  });

  it.each(['015112345678', '4915112345678', 'abcd', '+0151123456', '+12345', '+1 555 0100 123', '+1234567890123456'])(
    'refuses %j with InvalidParameterException, as SNS refuses a number it will not publish to, and sends nothing',
    async (phoneNumber) => {
      const refusal = t.client.send(sms(phoneNumber));
      await expect(refusal).rejects.toBeInstanceOf(InvalidParameterException);
      await expect(refusal).rejects.toThrow(`Invalid parameter: PhoneNumber Reason: ${phoneNumber} is not valid to publish to`);
      expect((await store()).messages).toEqual([]);
    },
  );

  it('refuses a configured invalid number the same way: a permanent error for the sender', async () => {
    const refusal = t.client.send(sms(INVALID));
    await expect(refusal).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(refusal).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 }, message: `Invalid parameter: PhoneNumber Reason: ${INVALID} is not valid to publish to` });
    expect(await store()).toEqual({ messages: [], failedDeliveries: [] });
  });

  it('accepts a message to an unreachable number, which then fails delivery (reported only in the delivery log)', async () => {
    const { MessageId } = await t.client.send(sms(UNREACHABLE));
    expect(await store()).toMatchObject({
      messages: [],
      failedDeliveries: [{ messageId: MessageId, phoneNumber: UNREACHABLE, status: 'FAILURE', providerResponse: UNREACHABLE_RESPONSE }],
    });
  });

  it('refuses a message over 1,600 characters, an empty one, and one with an empty Subject', async () => {
    await t.client.send(sms('+4915112345678', 'x'.repeat(1600)));
    const tooLong = t.client.send(sms('+4915112345678', 'x'.repeat(1601)));
    await expect(tooLong).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(tooLong).rejects.toThrow('Invalid parameter: Message too long');
    await expect(t.client.send(sms('+4915112345678', ''))).rejects.toThrow('Invalid parameter: Empty message');
    await expect(t.client.send(new PublishCommand({ PhoneNumber: '+4915112345678', Message: 'm', Subject: '' }))).rejects.toThrow('Invalid parameter: Subject');
    expect((await store()).messages).toHaveLength(1);
  });

  it('checks message attributes as SNS does (InvalidParameterValueException), the SMS ones against their documented rules', async () => {
    const withAttribute = (name: string, DataType: string, StringValue: string) =>
      t.client.send(new PublishCommand({ PhoneNumber: '+4915112345678', Message: 'm', MessageAttributes: { [name]: { DataType, StringValue } } }));
    await expect(withAttribute('AWS.SNS.SMS.SMSType', 'String', 'Tansactional')).rejects.toBeInstanceOf(InvalidParameterValueException);
    await expect(withAttribute('AWS.SNS.SMS.SenderID', 'String', 'Acme Inc')).rejects.toBeInstanceOf(InvalidParameterValueException);
    await expect(withAttribute('AWS.SNS.SMS.SenderID', 'String', '123456')).rejects.toBeInstanceOf(InvalidParameterValueException);
    await expect(withAttribute('AWS.MM.SMS.OriginationNumber', 'String', '+1')).rejects.toBeInstanceOf(InvalidParameterValueException);
    await expect(withAttribute('AWS.SNS.SMS.MaxPrice', 'Number', 'cheap')).rejects.toThrow("Could not cast message attribute 'AWS.SNS.SMS.MaxPrice' value to number.");
    await expect(withAttribute('tier', 'Text', 'gold')).rejects.toThrow(
      "The message attribute 'tier' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.",
    );
    await expect(withAttribute('bad..name', 'String', 'x')).rejects.toThrow("Message attribute name can not have successive '.' character.");
    expect((await store()).messages).toEqual([]);
  });

  it('answers a TopicArn as SNS answers a topic that does not exist: the local SNS has none', async () => {
    await expect(t.client.send(new PublishCommand({ TopicArn: `arn:aws:sns:${REGION}:000000000000:alerts`, Message: 'm' }))).rejects.toBeInstanceOf(NotFoundException);
    await expect(t.client.send(new PublishCommand({ Message: 'm' }))).rejects.toThrow('Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter');
  });
});

describe('opt-outs', () => {
  const number = '+447700900123';

  it('accepts Publish to an opted-out number, as SNS does, but the phone gets nothing: the delivery fails', async () => {
    const optOut = await fetch(`${t.sns.url}/opt-outs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phoneNumber: number }) });
    expect(optOut.status).toBe(204);
    expect(await t.client.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: number }))).toMatchObject({ isOptedOut: true });
    expect(await t.client.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: '+447700900124' }))).toMatchObject({ isOptedOut: false });
    expect((await t.client.send(new ListPhoneNumbersOptedOutCommand({}))).phoneNumbers).toContain(number);

    const { MessageId } = await t.client.send(sms(number));
    expect(await store()).toMatchObject({
      messages: [],
      failedDeliveries: [{ messageId: MessageId, phoneNumber: number, status: 'FAILURE', providerResponse: `${number} is opted out` }],
    });

    await t.client.send(new OptInPhoneNumberCommand({ phoneNumber: number }));
    expect(await t.client.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: number }))).toMatchObject({ isOptedOut: false });
    await t.client.send(sms(number, 'after opting in'));
    expect((await store()).messages).toMatchObject([{ phoneNumber: number, message: 'after opting in' }]);
  });

  it('refuses a malformed number in the opt-out calls with InvalidParameterException', async () => {
    await expect(t.client.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: 'call me' }))).rejects.toThrow(
      'Invalid parameter: PhoneNumber Reason: input incorrectly formatted',
    );
  });

  it('lists the opt-out list 100 numbers a page, with a nextToken', async () => {
    const many = Array.from({ length: 150 }, (_, index) => `+1555010${String(index).padStart(4, '0')}`);
    const local = await startTestSns({ optedOutNumbers: many });
    try {
      const first = await local.client.send(new ListPhoneNumbersOptedOutCommand({}));
      expect(first.phoneNumbers).toEqual(many.slice(0, 100));
      const second = await local.client.send(new ListPhoneNumbersOptedOutCommand({ nextToken: first.nextToken }));
      expect(second).toMatchObject({ phoneNumbers: many.slice(100) });
      expect(second.nextToken).toBeUndefined();
      await expect(local.client.send(new ListPhoneNumbersOptedOutCommand({ nextToken: 'garbage' }))).rejects.toBeInstanceOf(InvalidParameterException);
    } finally {
      await local.stop();
    }
  });
});

describe('account SMS settings', () => {
  it('keeps SetSMSAttributes preferences for GetSMSAttributes (all, or those asked for) and refuses invalid ones', async () => {
    const local = await startTestSns();
    try {
      expect((await local.client.send(new GetSMSAttributesCommand({}))).attributes).toEqual({ MonthlySpendLimit: '1' });
      await local.client.send(new SetSMSAttributesCommand({ attributes: { MonthlySpendLimit: '50', DefaultSMSType: 'Transactional', DefaultSenderID: 'Acme' } }));
      expect((await local.client.send(new GetSMSAttributesCommand({ attributes: ['DefaultSMSType', 'DefaultSenderID'] }))).attributes).toEqual({
        DefaultSMSType: 'Transactional',
        DefaultSenderID: 'Acme',
      });
      const refused = local.client.send(new SetSMSAttributesCommand({ attributes: { DefaultSMSType: 'Urgent', MonthlySpendLimit: '1000' } }));
      await expect(refused).rejects.toBeInstanceOf(InvalidParameterException);
      // Nothing of a refused request is kept.
      expect((await local.client.send(new GetSMSAttributesCommand({ attributes: ['MonthlySpendLimit'] }))).attributes).toEqual({ MonthlySpendLimit: '50' });
      expect(await local.client.send(new GetSMSSandboxAccountStatusCommand({}))).toMatchObject({ IsInSandbox: false });
    } finally {
      await local.stop();
    }
  });
});

describe('what the local SNS does not serve, and who may call it', () => {
  it('answers an action it does not serve with InvalidAction', async () => {
    await expect(t.client.send(new PublishBatchCommand({ TopicArn: `arn:aws:sns:${REGION}:000000000000:alerts`, PublishBatchRequestEntries: [] }))).rejects.toMatchObject({
      name: 'InvalidAction',
      $metadata: { httpStatusCode: 400 },
      message: expect.stringContaining('PublishBatch'),
    });
  });

  it('refuses a wrong secret (SignatureDoesNotMatch) and unknown credentials (InvalidClientTokenId), both HTTP 403', async () => {
    const wrongSecret = new SNSClient({ endpoint: t.sns.url, region: REGION, credentials: { ...CREDENTIALS, secretAccessKey: 'guessed' }, maxAttempts: 1 });
    const stranger = new SNSClient({ endpoint: t.sns.url, region: REGION, credentials: { accessKeyId: 'AKIASTRANGER00000000', secretAccessKey: 'x' }, maxAttempts: 1 });
    try {
      await expect(wrongSecret.send(sms('+4915112345678'))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
      await expect(stranger.send(sms('+4915112345678'))).rejects.toMatchObject({
        name: 'InvalidClientTokenId',
        message: 'The security token included in the request is invalid.',
        $metadata: { httpStatusCode: 403 },
      });
      expect((await store()).messages).toEqual([]);
    } finally {
      wrongSecret.destroy();
      stranger.destroy();
    }
  });
});
