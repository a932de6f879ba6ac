import { describe, expect, it } from 'vitest';
import { canonicalLocaleTag, negotiateLocale, SUPPORTED_LOCALES } from './locales.ts';

describe('canonicalLocaleTag', () => {
  it.each([
    ['en', 'en'],
    ['EN-us', 'en-US'],
    ['de_AT', 'de-AT'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['es-419', 'es-419'],
    ['sl-rozaj-biske', 'sl-rozaj-biske'],
    ['de-CH-1996', 'de-CH-1996'],
    ['en-US-u-CA-Gregory', 'en-US-u-ca-gregory'],
    ['en-x-Pirate', 'en-x-pirate'],
    ['en-x-a-b', 'en-x-a-b'],
    ['en-a-bcd-x-y', 'en-a-bcd-x-y'],
    ['  fr  ', 'fr'],
  ])('%s → %s', (tag, canonical) => {
    expect(canonicalLocaleTag(tag)).toBe(canonical);
  });

  it.each([
    [''],
    ['e'],
    ['english'],
    ['en-'],
    ['en--US'],
    ['en-US-'],
    ['en US'],
    ['de-AT;q=0.8'],
    ['<script>'],
    ['en-a'],
    ['en-a-b'],
    ['en-x'],
    ['en-US-Latn'],
    ['en-US-US'],
    ['x-private'],
    [`en-${'a'.repeat(40)}`],
    ['en-US-u-ca-gregory-aaaaaaaa-bbbbbbbb'],
  ])('refuses %j', (tag) => {
    expect(canonicalLocaleTag(tag)).toBeNull();
  });

  it('agrees with Intl on the tags it accepts', () => {
    for (const tag of ['en-us', 'ZH-HANT-TW', 'es-419', 'de-ch-1996']) {
      expect(canonicalLocaleTag(tag)).toBe(Intl.getCanonicalLocales(tag)[0]);
    }
  });
});

describe('negotiateLocale', () => {
  it.each([
    ['de', 'de'],
    ['de-AT', 'de'],
    ['fr-CA', 'fr'],
    ['es-419', 'es'],
    ['ES-mx', 'es'],
    ['en-GB', 'en'],
    ['pt-BR', 'en'],
    ['not a tag', 'en'],
    [undefined, 'en'],
    [null, 'en'],
  ])('%s → %s', (tag, locale) => {
    expect(negotiateLocale(tag)).toBe(locale);
  });

  it('finds every supported locale by its own tag', () => {
    for (const locale of SUPPORTED_LOCALES) expect(negotiateLocale(locale)).toBe(locale);
  });
});
