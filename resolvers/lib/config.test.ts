import { describe, expect, it } from 'vitest';
import { readOtpConfig, readPositiveInt } from './config.ts';

describe('readPositiveInt', () => {
  it.each([
    ['3', 3],
    [' 600 ', 600],
    ['86400', 86400],
    ['007', 7],
  ])('reads %j as %d', (value, expected) => {
    expect(readPositiveInt({ X: value }, 'X', 99)).toBe(expected);
  });

  it.each([undefined, '', '   ', '0', '-1', '1.5', '1e3', 'abc', '5 attempts', '1234567890123456'])(
    'falls back for %j',
    (value) => {
      expect(readPositiveInt({ X: value }, 'X', 99)).toBe(99);
    },
  );
});

describe('readOtpConfig', () => {
  it('uses the documented defaults when only the required variables are set', () => {
    expect(readOtpConfig({ TABLE_NAME: 'Otp' })).toEqual({
      tableName: 'Otp',
      ttlSeconds: 300,
      maxAttempts: 5,
      retentionSeconds: 86400,
    });
  });

  it('reads every setting from the environment', () => {
    expect(
      readOtpConfig({
        TABLE_NAME: 'T',
        OTP_TTL_SECONDS: '120',
        OTP_MAX_ATTEMPTS: '3',
        OTP_RETENTION_SECONDS: '3600',
      }),
    ).toEqual({ tableName: 'T', ttlSeconds: 120, maxAttempts: 3, retentionSeconds: 3600 });
  });

  it('holds no secret: codes are checked by KMS with the key each stored code names', () => {
    expect(Object.keys(readOtpConfig({ TABLE_NAME: 'T', OTP_HMAC_SECRET: 'left over' })).sort()).toEqual([
      'maxAttempts',
      'retentionSeconds',
      'tableName',
      'ttlSeconds',
    ]);
  });
});
