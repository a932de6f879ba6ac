import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';
import { ConfigurationError } from './errors.ts';

const required = { TABLE_NAME: 'OtpTable', OTP_HMAC_SECRET: 's3cret', SENDER_EMAIL: 'no-reply@example.com' };

describe('readConfig', () => {
  it('applies defaults', () => {
    expect(readConfig(required)).toEqual({
      tableName: 'OtpTable',
      hmacSecret: 's3cret',
      senderEmail: 'no-reply@example.com',
      codeLength: 6,
      ttlSeconds: 300,
      emailSubject: 'Your verification code',
    });
  });

  it('reads the optional settings', () => {
    const config = readConfig({ ...required, OTP_CODE_LENGTH: '8', OTP_TTL_SECONDS: '600', EMAIL_SUBJECT: 'Code' });
    expect(config).toMatchObject({ codeLength: 8, ttlSeconds: 600, emailSubject: 'Code' });
  });

  it('rejects missing variables and out-of-range lengths, naming the variable', () => {
    expect(() => readConfig({ ...required, TABLE_NAME: '' })).toThrow(/TABLE_NAME/);
    expect(() => readConfig({ ...required, OTP_CODE_LENGTH: '3' })).toThrow(ConfigurationError);
    expect(() => readConfig({ ...required, OTP_CODE_LENGTH: '5' })).toThrow(/OTP_CODE_LENGTH must be an integer from 6/);
    expect(() => readConfig({ ...required, OTP_CODE_LENGTH: '11' })).toThrow(/OTP_CODE_LENGTH/);
    expect(() => readConfig({ ...required, OTP_CODE_LENGTH: '6.5' })).toThrow(/OTP_CODE_LENGTH/);
    expect(() => readConfig({ ...required, OTP_TTL_SECONDS: '0' })).toThrow(/OTP_TTL_SECONDS/);
  });
});
