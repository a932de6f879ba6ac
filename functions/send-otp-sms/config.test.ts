import { describe, expect, it } from 'vitest';
import { readSmsConfig } from './config.ts';
import { SmsConfigurationError } from './errors.ts';

const KEY_ARN = 'arn:aws:kms:eu-west-1:000000000000:key/6f1c0000-0000-4000-8000-000000000000';
const required = { TABLE_NAME: 'OtpTable', OTP_CODE_MAC_KEY_ARN: KEY_ARN };

describe('readSmsConfig', () => {
  it('applies defaults: 6 digits, the default brand, no sender ID or origination number', () => {
    expect(readSmsConfig(required)).toEqual({
      tableName: 'OtpTable',
      codeMacKeyArn: KEY_ARN,
      codeLength: 6,
      brand: { appName: 'OTP', color: '#1d4ed8' },
    });
  });

  it('reads the optional settings, trimmed', () => {
    const brand = { appName: 'Acme', color: '#c2410c', webOtpDomain: 'app.acme.example' };
    const config = readSmsConfig({
      ...required,
      OTP_CODE_LENGTH: ' 8 ',
      OTP_BRAND: JSON.stringify(brand),
      SMS_SENDER_ID: ' AcmeOTP ',
      SMS_ORIGINATION_NUMBER: '+18005550100',
    });
    expect(config).toEqual({ tableName: 'OtpTable', codeMacKeyArn: KEY_ARN, codeLength: 8, brand, senderId: 'AcmeOTP', originationNumber: '+18005550100' });
  });

  it('leaves blank identities out rather than sending an empty attribute SNS would refuse', () => {
    const config = readSmsConfig({ ...required, SMS_SENDER_ID: '  ', SMS_ORIGINATION_NUMBER: '' });
    expect(config).not.toHaveProperty('senderId');
    expect(config).not.toHaveProperty('originationNumber');
  });

  it('rejects missing variables, out-of-range lengths and a malformed brand, naming the variable', () => {
    expect(() => readSmsConfig({ ...required, TABLE_NAME: '' })).toThrow(/TABLE_NAME is required/);
    expect(() => readSmsConfig({ TABLE_NAME: 'OtpTable' })).toThrow(/OTP_CODE_MAC_KEY_ARN is required/);
    expect(() => readSmsConfig({ ...required, OTP_CODE_MAC_KEY_ARN: ' ' })).toThrow(SmsConfigurationError);
    for (const length of ['5', '11', '6.5', 'six']) {
      expect(() => readSmsConfig({ ...required, OTP_CODE_LENGTH: length }), length).toThrow(/OTP_CODE_LENGTH must be an integer from 6 to 10/);
    }
    expect(() => readSmsConfig({ ...required, OTP_BRAND: 'not json' })).toThrow(/OTP_BRAND must be the brand/);
    expect(() => readSmsConfig({ ...required, OTP_BRAND: '{"logoUrl":"http://x.example/l.png"}' })).toThrow(SmsConfigurationError);
  });
});
