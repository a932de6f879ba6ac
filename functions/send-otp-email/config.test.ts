import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';
import { ConfigurationError } from './errors.ts';

const KEY_ARN = 'arn:aws:kms:eu-west-1:000000000000:key/6f1c0000-0000-4000-8000-000000000000';
const required = { TABLE_NAME: 'OtpTable', OTP_CODE_MAC_KEY_ARN: KEY_ARN, SENDER_EMAIL: 'no-reply@example.com' };

describe('readConfig', () => {
  it('applies defaults', () => {
    expect(readConfig(required)).toEqual({
      tableName: 'OtpTable',
      codeMacKeyArn: KEY_ARN,
      senderEmail: 'no-reply@example.com',
      codeLength: 6,
      ttlSeconds: 300,
      brand: { appName: 'OTP', color: '#1d4ed8' },
    });
  });

  it('reads the optional settings', () => {
    const brand = { appName: 'Acme', color: '#c2410c', senderName: 'Acme Security' };
    const config = readConfig({ ...required, OTP_CODE_LENGTH: '8', OTP_TTL_SECONDS: '600', OTP_BRAND: JSON.stringify(brand) });
    expect(config).toMatchObject({ codeLength: 8, ttlSeconds: 600, brand });
  });

  it('rejects missing variables and out-of-range lengths, naming the variable', () => {
    expect(() => readConfig({ ...required, TABLE_NAME: '' })).toThrow(/TABLE_NAME/);
    expect(() => readConfig({ ...required, OTP_CODE_MAC_KEY_ARN: ' ' })).toThrow(/OTP_CODE_MAC_KEY_ARN is required/);
    expect(() => readConfig({ ...required, OTP_CODE_LENGTH: '3' })).toThrow(ConfigurationError);
    expect(() => readConfig({ ...required, OTP_CODE_LENGTH: '5' })).toThrow(/OTP_CODE_LENGTH must be an integer from 6/);
    expect(() => readConfig({ ...required, OTP_CODE_LENGTH: '11' })).toThrow(/OTP_CODE_LENGTH/);
    expect(() => readConfig({ ...required, OTP_CODE_LENGTH: '6.5' })).toThrow(/OTP_CODE_LENGTH/);
    expect(() => readConfig({ ...required, OTP_TTL_SECONDS: '0' })).toThrow(/OTP_TTL_SECONDS/);
    expect(() => readConfig({ ...required, OTP_BRAND: '{"logoUrl":"http://x.example/l.png"}' })).toThrow(/OTP_BRAND/);
    expect(() => readConfig({ ...required, OTP_BRAND: 'not json' })).toThrow(ConfigurationError);
  });
});
