import { describe, expect, it } from 'vitest';
import { describeLifetime, renderOtpEmail } from './email-content.ts';
import { extractCode } from '../../test/support/inbox.ts';

describe('renderOtpEmail', () => {
  it('puts the code first in the text body, so clients extract it, and in the HTML body', () => {
    for (const ttlSeconds of [60, 300, 6000, 600_000]) {
      const email = renderOtpEmail({ code: '004217', ttlSeconds, subject: 'Your verification code' });
      expect(extractCode(email.text)).toBe('004217');
      expect(email.html).toContain('004217');
    }
  });

  it('keeps the code out of the subject and says how long it lives and to ignore unasked emails', () => {
    const email = renderOtpEmail({ code: '123456', ttlSeconds: 300, subject: 'Your verification code' });
    expect(email.subject).toBe('Your verification code');
    expect(email.text).toContain('5 minutes');
    expect(email.html).toContain('5 minutes');
    expect(email.text).toMatch(/did not ask for this code.*ignore/);
    expect(email.html).toMatch(/did not ask for this code.*ignore/);
  });
});

describe('describeLifetime', () => {
  it('rounds down to whole minutes, at least one', () => {
    expect(describeLifetime(30)).toBe('1 minute');
    expect(describeLifetime(60)).toBe('1 minute');
    expect(describeLifetime(119)).toBe('1 minute');
    expect(describeLifetime(300)).toBe('5 minutes');
  });
});
