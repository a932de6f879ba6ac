import { describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES, type MessageBrand } from '../../../infra/model/index.ts';
import { renderOtpEmail } from './render-email.ts';

const brand: MessageBrand = { appName: 'Acme', color: '#c2410c' };
const CODE_IN_TEXT = /\b(\d{4,10})\b/;

describe('renderOtpEmail', () => {
  it.each(SUPPORTED_LOCALES)('%s: the subject and the text start with the code; every part says never to share it', (locale) => {
    const email = renderOtpEmail({ code: '482913', ttlSeconds: 300, locale, brand });
    expect(email.subject.startsWith('482913 ')).toBe(true);
    expect(email.subject).toContain('Acme');
    expect(email.text.match(CODE_IN_TEXT)?.[1]).toBe('482913');
    expect(email.text).toContain('5');
    expect(email.html).toContain('482913');
    expect(email.html).toContain(`lang="${locale}"`);
    expect(email.html).not.toMatch(/\{\{|\}\}|\{\w+\}/);
    const neverShare = { en: 'Never share', de: 'niemals weiter', es: 'No compartas', fr: 'Ne communiquez jamais' }[locale];
    expect(email.text).toContain(neverShare);
    expect(email.html).toContain(neverShare);
  });

  it('uses the plural form of the locale for the lifetime', () => {
    expect(renderOtpEmail({ code: '482913', ttlSeconds: 60, locale: 'en', brand }).text).toContain('It expires in 1 minute.');
    expect(renderOtpEmail({ code: '482913', ttlSeconds: 119, locale: 'de', brand }).text).toContain('Er läuft in 1 Minute ab.');
    expect(renderOtpEmail({ code: '482913', ttlSeconds: 600, locale: 'es', brand }).text).toContain('Caduca en 10 minutos.');
  });

  it('loads no remote resource without a logo, and keeps the dark-mode styles', () => {
    const { html } = renderOtpEmail({ code: '482913', ttlSeconds: 300, locale: 'en', brand });
    expect(html).not.toMatch(/<img|<link|src=|url\(|@import/i);
    expect(html).toContain('prefers-color-scheme: dark');
    expect(html).toContain('name="color-scheme"');
    expect(html).toContain('#c2410c');
  });

  it('shows the logo, with the app name as its alternative text, when the brand has one', () => {
    const { html } = renderOtpEmail({ code: '482913', ttlSeconds: 300, locale: 'fr', brand: { ...brand, logoUrl: 'https://cdn.example.com/logo.png' } });
    expect(html).toMatch(/<img[^>]+src="https:\/\/cdn\.example\.com\/logo\.png"/);
    expect(html).toMatch(/<img[^>]+alt="Acme"/);
  });

  it('links the support page in the HTML and names it in the text', () => {
    const email = renderOtpEmail({ code: '482913', ttlSeconds: 300, locale: 'en', brand: { ...brand, supportUrl: 'https://help.example.com/otp' } });
    expect(email.text).toContain('Questions? Visit https://help.example.com/otp');
    expect(email.html).toContain('<a href="https://help.example.com/otp"');
    expect(renderOtpEmail({ code: '482913', ttlSeconds: 300, locale: 'en', brand }).text).not.toContain('Questions?');
  });

  it('escapes every brand value in the HTML', () => {
    const hostile: MessageBrand = {
      appName: '<script>alert(1)</script> & "Co"',
      color: '#000000',
      logoUrl: 'https://x.example/"onerror="alert(1)',
      supportUrl: 'https://x.example/?a=<b>',
    };
    const { html, subject } = renderOtpEmail({ code: '482913', ttlSeconds: 300, locale: 'en', brand: hostile });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('"onerror="');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;');
    // The subject is plain text (SES encodes it), so it keeps the name as written.
    expect(subject).toBe('482913 is your <script>alert(1)</script> & "Co" verification code');
  });
});
