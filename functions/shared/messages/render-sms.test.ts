import { describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES } from '../../../infra/model/index.ts';
import { renderOtpSms } from './render-sms.ts';

describe('renderOtpSms', () => {
  it('starts with the code and ends with the one-time-code line for the web app', () => {
    const sms = renderOtpSms({ code: '482913', locale: 'en', brand: { appName: 'Acme', color: '#000000', webOtpDomain: 'app.acme.example' } });
    expect(sms).toBe("482913 is your Acme code. Don't share it.\n\n@app.acme.example #482913");
    // WebOTP: the last line is `@<host> #<code>`, host and code separated by one space.
    expect(sms.split('\n').at(-1)).toMatch(/^@[a-z0-9.-]+ #\d{6}$/);
  });

  it.each(SUPPORTED_LOCALES)('%s: says not to share the code, in one short SMS', (locale) => {
    const sms = renderOtpSms({ code: '482913', locale, brand: { appName: 'Acme', color: '#000000' } });
    expect(sms.startsWith('482913 ')).toBe(true);
    expect(sms).toContain('Acme');
    expect(sms).toMatch({ en: /Don't share it/, de: /nicht weiter/, es: /No lo compartas/, fr: /Ne le partagez pas/ }[locale]);
    expect(sms).not.toContain('@');
    expect(sms.length).toBeLessThanOrEqual(70);
  });
});
