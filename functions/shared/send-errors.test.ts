import { describe, expect, it } from 'vitest';
import { EmailDeliveryError, UndeliverableEmailError } from '../send-otp-email/errors.ts';
import { SmsDeliveryError, UndeliverableSmsError } from '../send-otp-sms/errors.ts';
import { DeliveryError, UndeliverableError, sendErrorName } from './send-errors.ts';

describe('sendErrorName', () => {
  it("is the error's name, or Node's code for a plain network Error; never the message", () => {
    const named = Object.assign(new Error('Email address is not verified: someone@example.com'), { name: 'MessageRejected' });
    expect(sendErrorName(named)).toBe('MessageRejected');
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(sendErrorName(refused)).toBe('ECONNREFUSED');
    expect(sendErrorName(Object.assign(new Error('x'), { code: 'some text@example.com' }))).toBe('Error');
    expect(sendErrorName(Object.assign(new Error('x'), { code: '+447400123456' }))).toBe('Error');
    expect(sendErrorName('boom')).toBe('UnknownError');
  });
});

describe('the two outcomes of a failed send, for both functions', () => {
  it('each function\'s errors are the shared outcome settleFailedSend branches on, with their own names and reasons', () => {
    const permanent = [new UndeliverableEmailError('MessageRejected'), new UndeliverableSmsError('InvalidParameterException')];
    const transient = [new EmailDeliveryError('Throttling'), new SmsDeliveryError('ThrottledException')];
    for (const error of permanent) {
      expect(error).toBeInstanceOf(UndeliverableError);
      expect(error).not.toBeInstanceOf(DeliveryError);
    }
    for (const error of transient) {
      expect(error).toBeInstanceOf(DeliveryError);
      expect(error).not.toBeInstanceOf(UndeliverableError);
    }
    expect([...permanent, ...transient].map((error) => [error.name, error.reason, error.message])).toEqual([
      ['UndeliverableEmailError', 'MessageRejected', 'SES refused the email for good (MessageRejected)'],
      ['UndeliverableSmsError', 'InvalidParameterException', 'SNS refused the SMS for good (InvalidParameterException)'],
      ['EmailDeliveryError', 'Throttling', 'SES did not accept the email (Throttling)'],
      ['SmsDeliveryError', 'ThrottledException', 'SNS did not accept the SMS (ThrottledException)'],
    ]);
  });
});
