import { describe, expect, it } from 'vitest';
import { readTokenConfig } from './token-config.ts';

describe('readTokenConfig', () => {
  it('reads the key id, the lifetime and the default audience', () => {
    expect(readTokenConfig({ OTP_TOKEN_KEY_ID: ' key-1 ', OTP_TOKEN_LIFETIME_SECONDS: '600', OTP_DEFAULT_AUDIENCE: 'OtpService' })).toEqual({
      keyId: 'key-1',
      lifetimeSeconds: 600,
      defaultAudience: 'OtpService',
    });
  });

  it.each([
    ['absent', undefined],
    ['not a number', '5m'],
    ['below the policy minimum', '59'],
    ['above the policy maximum (1 h)', '3601'],
  ])('falls back to 5 minutes when the lifetime is %s', (_label, value) => {
    expect(readTokenConfig({ OTP_TOKEN_LIFETIME_SECONDS: value }).lifetimeSeconds).toBe(300);
  });

  it('has no key id when the variable is missing (no token is signed then)', () => {
    expect(readTokenConfig({}).keyId).toBe('');
  });
});
