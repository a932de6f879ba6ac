import {
  canonicalLocaleTag,
  DEFAULT_LOCALE,
  negotiateLocale,
  SUPPORTED_LOCALES,
  type SupportedLocale,
} from '../../../infra/model/index.ts';

/** True for a locale the app has strings for (e.g. a value read back from storage). */
export function isSupportedLocale(value: unknown): value is SupportedLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/**
 * The locale for a browser's preferred languages (`navigator.languages`, most preferred first): the first one that
 * has a supported match (RFC 4647 lookup, `negotiateLocale`), else English. `negotiateLocale` alone would answer
 * English for the first unsupported tag instead of trying the next one.
 *
 * @example localeForLanguages(['pt-BR', 'fr-CA']) // 'fr'
 */
export function localeForLanguages(languages: readonly string[]): SupportedLocale {
  for (const tag of languages) {
    const match = supportedMatch(tag);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}

/**
 * The locale to start with: the one the person chose before (if it is still supported), else the browser's.
 *
 * @example initialLocale(null, navigator.languages)
 */
export function initialLocale(chosen: string | null, languages: readonly string[]): SupportedLocale {
  return isSupportedLocale(chosen) ? chosen : localeForLanguages(languages);
}

/** The supported locale a tag really matches (the lookup found one of its prefixes), not the fallback. */
function supportedMatch(tag: string): SupportedLocale | null {
  const canonical = canonicalLocaleTag(tag)?.toLowerCase();
  if (!canonical) return null;
  const locale = negotiateLocale(canonical);
  return canonical === locale || canonical.startsWith(`${locale}-`) ? locale : null;
}
