import { SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CREDENTIALS, REGION, startTestSns, type TestSns } from '../../local/services/sns-local/test-sns.ts';
import { startScriptedSns, type ScriptedSns } from '../../test/fixtures/functions/send-otp-sms/scripted-sns.ts';
import { SNS_CLIENT_RETRY_CONFIG } from './clients.ts';
import { SmsDeliveryError, UndeliverableSmsError } from './errors.ts';
import { sendSms, smsAttributes } from './send-sms.ts';

const NUMBER = '+447400123456';
const INVALID_NUMBER = '+447400900001';
const MESSAGE = "482913 is your Acme code. Don't share it.\n\n@app.acme.example #482913";

/** A client with the function's retry settings (clients.ts), for `url`. */
function functionClient(url: string): SNSClient {
  return new SNSClient({ ...SNS_CLIENT_RETRY_CONFIG, endpoint: url, region: REGION, credentials: { ...CREDENTIALS } });
}

describe('smsAttributes', () => {
  it('always marks the text Transactional and adds the identities only when configured', () => {
    expect(smsAttributes({})).toEqual({ 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } });
    expect(smsAttributes({ senderId: 'AcmeOTP', originationNumber: '+18005550100' })).toEqual({
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'AcmeOTP' },
      'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: '+18005550100' },
    });
  });
});

describe('sendSms through the local SNS', () => {
  let sns: TestSns;
  let client: SNSClient;

  beforeAll(async () => {
    sns = await startTestSns({ invalidNumbers: [INVALID_NUMBER] });
    client = functionClient(sns.sns.url);
  });
  afterAll(async () => {
    client?.destroy();
    await sns?.stop();
  });

  it('delivers the text as given, Transactional, with the sender ID and origination number', async () => {
    const messageId = await sendSms(client, { phoneNumber: NUMBER, message: MESSAGE, senderId: 'AcmeOTP', originationNumber: '+18005550100' });
    const delivered = sns.sns.inbox().messages.find((sms) => sms.messageId === messageId);
    expect(delivered).toMatchObject({ phoneNumber: NUMBER, message: MESSAGE, smsType: 'Transactional', senderId: 'AcmeOTP', originationNumber: '+18005550100' });
  });

  it('throws UndeliverableSmsError for a number SNS refuses, naming SNS\'s error, never the number or the text', async () => {
    const error = await sendSms(client, { phoneNumber: INVALID_NUMBER, message: MESSAGE }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(UndeliverableSmsError);
    expect(error).toMatchObject({ name: 'UndeliverableSmsError', reason: 'InvalidParameterException' });
    expect(String((error as Error).message)).not.toContain(INVALID_NUMBER);
    expect(String((error as Error).message)).not.toContain('482913');
    expect(sns.sns.inbox().messages.filter((sms) => sms.phoneNumber === INVALID_NUMBER)).toEqual([]);
  });

  it('throws SmsDeliveryError (retried) when SNS cannot be reached at all', async () => {
    const unreachable = functionClient('http://127.0.0.1:9');
    try {
      const error = await sendSms(unreachable, { phoneNumber: NUMBER, message: MESSAGE }).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(SmsDeliveryError);
      expect(error).toMatchObject({ reason: 'ECONNREFUSED' });
    } finally {
      unreachable.destroy();
    }
  });
});

// Throttling and server errors: the local SNS never answers them, so a scripted SNS does (SNS's XML and statuses).
describe('sendSms with the function\'s retry settings', () => {
  let scripted: ScriptedSns;
  let client: SNSClient;

  beforeAll(async () => {
    scripted = await startScriptedSns();
    client = functionClient(scripted.url);
  });
  afterAll(async () => {
    client?.destroy();
    await scripted?.stop();
  });
  beforeEach(() => {
    scripted.requests.length = 0;
  });

  it('retries throttling and server errors, and succeeds within 4 attempts', async () => {
    scripted.script(NUMBER, ['Throttled', 'InternalError', 'Throttled', 'OK']);
    expect(await sendSms(client, { phoneNumber: NUMBER, message: MESSAGE })).toBe('message-4');
    expect(scripted.requests).toHaveLength(4);
    // Each attempt is the same text to the same number.
    expect(new Set(scripted.requests.map((params) => `${params.get('PhoneNumber')}|${params.get('Message')}`))).toEqual(new Set([`${NUMBER}|${MESSAGE}`]));
  });

  it('gives up after 4 attempts with SmsDeliveryError (the record is retried, then dead-lettered)', async () => {
    scripted.script(NUMBER, ['InternalError']);
    const error = await sendSms(client, { phoneNumber: NUMBER, message: MESSAGE }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(SmsDeliveryError);
    expect(error).toMatchObject({ reason: 'InternalErrorException' });
    expect(String((error as Error).message)).not.toContain(NUMBER);
    expect(scripted.requests).toHaveLength(4);
  });

  it('does not retry a permanent refusal: one request', async () => {
    scripted.script(NUMBER, ['InvalidParameter']);
    const error = await sendSms(client, { phoneNumber: NUMBER, message: MESSAGE }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(UndeliverableSmsError);
    expect(error).toMatchObject({ reason: 'InvalidParameterException' });
    expect(scripted.requests).toHaveLength(1);
  });
});
