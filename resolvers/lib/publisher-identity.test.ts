import { describe, expect, it } from 'vitest';
import { assumedRolePrefix, isSessionOfRole } from './publisher-identity.ts';

const ROLE = 'arn:aws:iam::123456789012:role/OtpService-PublisherRole-ABC';

describe('assumedRolePrefix', () => {
  it('maps a role ARN (with or without a path) to its assumed-role prefix', () => {
    expect(assumedRolePrefix(ROLE)).toBe('arn:aws:sts::123456789012:assumed-role/OtpService-PublisherRole-ABC/');
    expect(assumedRolePrefix('arn:aws-cn:iam::1:role/a/b/Name')).toBe('arn:aws-cn:sts::1:assumed-role/Name/');
  });

  it.each(['', 'arn:aws:iam::1:user/bob', 'arn:aws:iam:::role/x', 'arn:aws:iam::1:role/', 'not-an-arn'])('refuses %j', (text) => {
    expect(assumedRolePrefix(text)).toBeNull();
  });
});

describe('isSessionOfRole', () => {
  it('accepts a session of the role only', () => {
    expect(isSessionOfRole('arn:aws:sts::123456789012:assumed-role/OtpService-PublisherRole-ABC/fn', ROLE)).toBe(true);
    expect(isSessionOfRole('arn:aws:sts::123456789012:assumed-role/OtpService-PublisherRole-ABCD/fn', ROLE)).toBe(false);
    expect(isSessionOfRole('arn:aws:sts::999999999999:assumed-role/OtpService-PublisherRole-ABC/fn', ROLE)).toBe(false);
    expect(isSessionOfRole('arn:aws:iam::123456789012:user/local', ROLE)).toBe(false);
    expect(isSessionOfRole('arn:aws:sts::123456789012:assumed-role/OtpService-PublisherRole-ABC/', ROLE)).toBe(false);
    expect(isSessionOfRole(null, ROLE)).toBe(false);
  });

  it('lets nobody in when the role is not configured', () => {
    expect(isSessionOfRole('arn:aws:sts::123456789012:assumed-role/x/fn', undefined)).toBe(false);
    expect(isSessionOfRole('arn:aws:sts::123456789012:assumed-role/x/fn', '')).toBe(false);
  });
});
