// Expected values follow https://docs.aws.amazon.com/appsync/latest/devguide/scalars.html
import { describe, expect, it } from 'vitest';
import {
  isAwsDate,
  isAwsDateTime,
  isAwsEmail,
  isAwsIpAddress,
  isAwsJson,
  isAwsPhone,
  isAwsTime,
  isAwsTimestamp,
  isAwsUrl,
} from './aws-scalar-rules.ts';

describe('AppSync scalar rules', () => {
  it('AWSDate accepts the documented forms and rejects impossible dates', () => {
    for (const valid of ['1970-01-01', '1970-01-01Z', '1970-01-01-07:00', '1970-01-01+05:30', '2024-02-29', '1970-01-01+05:30:10']) {
      expect(isAwsDate(valid), valid).toBe(true);
    }
    for (const invalid of ['1970-1-01', '2023-02-29', '1970-13-01', '1970-01-01T00:00Z', 'yesterday', '2019-12-24T04:15:57.798Z']) {
      expect(isAwsDate(invalid), invalid).toBe(false);
    }
  });

  it('AWSTime accepts hh:mm with optional seconds, 1–9 fraction digits and offset', () => {
    for (const valid of ['12:30', '12:00:00.2', '12:00:00.123456789', '12:30Z', '12:30:24-07:00', '12:30:24.500+05:30']) {
      expect(isAwsTime(valid), valid).toBe(true);
    }
    for (const invalid of ['24:00', '12:60', '12:00:00.1234567890', '12', '12:00.5']) expect(isAwsTime(invalid), invalid).toBe(false);
  });

  it('AWSDateTime needs a time zone offset', () => {
    for (const valid of ['1970-01-01T12:00Z', '1970-01-01T12:00:00.000Z', '2020-01-01T00:00+00:00', '1970-01-01T12:00:00-07:00']) {
      expect(isAwsDateTime(valid), valid).toBe(true);
    }
    for (const invalid of ['1970-01-01T12:00:00', '1970-01-01', '2020-05-19T11:5:29.000Z', '2023-02-30T00:00Z']) {
      expect(isAwsDateTime(invalid), invalid).toBe(false);
    }
  });

  it('AWSTimestamp is an integer number of seconds', () => {
    expect(isAwsTimestamp(0)).toBe(true);
    expect(isAwsTimestamp(-123)).toBe(true);
    expect(isAwsTimestamp(1.5)).toBe(false);
    expect(isAwsTimestamp('123')).toBe(false);
  });

  it('AWSEmail follows local@domain', () => {
    for (const valid of ['a@b', 'a@b.c', 'jeff@amazon.com', 'first.last+tag@example.co.uk']) expect(isAwsEmail(valid), valid).toBe(true);
    for (const invalid of ['', 'plain', '@example.com', 'a@', 'a b@example.com', 'a@b@c']) expect(isAwsEmail(invalid), invalid).toBe(false);
  });

  it('AWSJSON must be valid JSON text', () => {
    expect(isAwsJson('{"a":1}')).toBe(true);
    expect(isAwsJson('[1,2]')).toBe(true);
    expect(isAwsJson('{a:1}')).toBe(false);
  });

  it('AWSURL requires a scheme and no // in the path', () => {
    for (const valid of ['https://example.com', 'http://example.com/a/b?c=d', 'mailto:someone@example.com']) expect(isAwsUrl(valid), valid).toBe(true);
    for (const invalid of ['example.com', '/relative/path', 'https://example.com/a//b']) expect(isAwsUrl(invalid), invalid).toBe(false);
  });

  it('AWSPhone accepts digits with +, spaces and hyphens', () => {
    for (const valid of ['+1 555 123 4567', '555-123-4567', '+61 (02) 1234 5678']) expect(isAwsPhone(valid), valid).toBe(true);
    for (const invalid of ['phone', '+', '12', '555-abc-4567']) expect(isAwsPhone(invalid), invalid).toBe(false);
  });

  it('AWSIPAddress accepts IPv4 and IPv6 with optional prefix', () => {
    for (const valid of ['127.0.0.1', '123.12.34.56/24', '::1', '1a2b:3c4b::/64']) expect(isAwsIpAddress(valid), valid).toBe(true);
    for (const invalid of ['256.1.1.1', '1.2.3', '127.0.0.1/33', '::1/129', 'localhost']) expect(isAwsIpAddress(invalid), invalid).toBe(false);
  });
});
