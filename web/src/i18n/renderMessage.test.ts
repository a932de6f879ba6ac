import { describe, expect, it } from 'vitest';
import type { SupportedLocale } from '../../../infra/model/index.ts';
import { describeApiError } from '../lib/apiProblem.ts';
import { describeVerification } from '../lib/verificationOutcome.ts';
import { createAppI18n } from './index.ts';
import type { Message } from './messages.ts';
import { renderMessage } from './renderMessage.ts';

const render = (message: Message, locale: SupportedLocale) => renderMessage(message, createAppI18n(locale).global);

describe('renderMessage', () => {
  it('writes what lib/ describes in the chosen language', () => {
    const wrongCode = describeVerification({ status: 'INVALID_CODE', attemptsRemaining: 3 }).message;
    expect(render(wrongCode, 'en')).toBe('That code is not right. 3 attempts remaining.');
    expect(render(wrongCode, 'de')).toBe('Dieser Code stimmt nicht. Noch 3 Versuche.');
    expect(render(wrongCode, 'es')).toBe('El código no es correcto. Te quedan 3 intentos.');
    expect(render(wrongCode, 'fr')).toBe('Ce code est incorrect. Il vous reste 3 essais.');
  });

  it("picks the plural form by the language's rules", () => {
    const attempts = (count: number) => describeVerification({ status: 'INVALID_CODE', attemptsRemaining: count }).message;
    expect(render(attempts(1), 'en')).toBe('That code is not right. 1 attempt remaining.');
    expect(render(attempts(0), 'en')).toBe('That code is not right. 0 attempts remaining.');
    expect(render(attempts(1), 'de')).toBe('Dieser Code stimmt nicht. Noch 1 Versuch.');
    expect(render(attempts(0), 'fr')).toBe('Ce code est incorrect. Il vous reste 0 essai.');
  });

  it('translates a message inside a message (the wait inside a rate limit)', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const limited = (retryAfterSeconds: number) =>
      describeApiError(
        { graphQLErrors: [{ message: 'x', errorType: 'RateLimitExceeded', errorInfo: { retryAfterSeconds } }] },
        now,
      ).message;
    expect(render(limited(25), 'en')).toBe('Too many codes were requested. Please wait 25 seconds before asking for another one.');
    expect(render(limited(1), 'en')).toContain('wait 1 second before');
    expect(render(limited(900), 'de')).toBe(
      'Es wurden zu viele Codes angefordert. Bitte warten Sie 15 Minuten, bevor Sie einen weiteren anfordern.',
    );
    expect(render(limited(25), 'es')).toContain('Espera 25 segundos antes');
    expect(render(limited(60), 'fr')).toContain('patienter 1 minute avant');
  });

  it('formats numbers for the locale', () => {
    const longWait: Message = { key: 'duration.minutes', count: 1440 };
    expect(render(longWait, 'en')).toBe('1,440 minutes');
    expect(render(longWait, 'de')).toBe('1.440 Minuten');
    expect(render({ key: 'codeForm.label', params: { length: 8 } }, 'de')).toBe('8-stelliger Code aus der E-Mail');
  });

  it("shows the service's own (English) explanation of a BadRequest, framed in other languages", () => {
    const problem = describeApiError({
      graphQLErrors: [{ message: 'The email address is too long to deliver to.', errorType: 'BadRequest' }],
    }).message;
    expect(render(problem, 'en')).toBe('The email address is too long to deliver to.');
    expect(render(problem, 'de')).toBe('Der Dienst hat die Anfrage abgelehnt: „The email address is too long to deliver to.“');
    expect(render(problem, 'fr')).toBe('Le service a refusé la demande\u00a0: «\u00a0The email address is too long to deliver to.\u00a0»');
  });

  it('uses strings as they are, even when they look like message syntax', () => {
    expect(render({ key: 'codeForm.sent', params: { email: 'a|b{c}@example.com' } }, 'en')).toBe(
      'We sent a code to a|b{c}@example.com',
    );
  });
});
