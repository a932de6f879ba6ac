import { describe, expect, it } from 'vitest';
import { initialLocale, isSupportedLocale, localeForLanguages } from './negotiate.ts';

describe('localeForLanguages (navigator.languages → the app locale)', () => {
  it.each<[string[], string]>([
    [['de-AT', 'en'], 'de'],
    [['pt-BR', 'fr-CA'], 'fr'],
    [['ja'], 'en'],
    [[], 'en'],
    [['en-GB', 'de'], 'en'],
    [['es-419'], 'es'],
    [['fr'], 'fr'],
    [['DE-ch'], 'de'],
    [['de_AT'], 'de'],
    [['zh-Hant-TW', 'es-MX', 'de'], 'es'],
    // An English tag later in the list is a real match, not the fallback, and wins over what follows it.
    [['ja', 'en-US', 'de'], 'en'],
  ])('%j → %s', (languages, locale) => {
    expect(localeForLanguages(languages)).toBe(locale);
  });

  it('skips malformed tags instead of stopping at them', () => {
    expect(localeForLanguages(['', 'not a tag', 'd', 'fr-FR'])).toBe('fr');
  });

  it('does not take a language for a longer one that starts with the same letters', () => {
    // "den" is not "de": only whole subtags match.
    expect(localeForLanguages(['den', 'esu'])).toBe('en');
  });
});

describe('initialLocale', () => {
  it('prefers the language picked before', () => {
    expect(initialLocale('fr', ['de-DE'])).toBe('fr');
  });

  it("follows the browser when nothing (or something no longer supported) was picked", () => {
    expect(initialLocale(null, ['de-DE'])).toBe('de');
    expect(initialLocale('pt', ['de-DE'])).toBe('de');
    expect(initialLocale('DE', ['es'])).toBe('es');
  });
});

describe('isSupportedLocale', () => {
  it.each(['en', 'de', 'es', 'fr'])('accepts %s', (locale) => {
    expect(isSupportedLocale(locale)).toBe(true);
  });

  it.each([null, undefined, '', 'de-AT', 'pt', 42])('refuses %j', (value) => {
    expect(isSupportedLocale(value)).toBe(false);
  });
});
