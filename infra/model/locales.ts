/**
 * The locales messages are written in, and how a requested BCP 47 tag (`generateOtp(locale:)`, the browser's
 * language) finds one. Used by the APPSYNC_JS resolvers (validation), the functions (choice of catalog) and the web
 * app, so it stays in the APPSYNC_JS subset: no regular expressions, classes, try/catch, `++` or C-style loops.
 */

/** Every locale with a message catalog (functions/shared/messages) and web strings (web/src/i18n). */
export const SUPPORTED_LOCALES = ['en', 'de', 'es', 'fr'] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];
/** The last step of every fallback chain. */
export const DEFAULT_LOCALE: SupportedLocale = 'en';
/** The longest tag accepted (RFC 5646 §4.4.1 recommends supporting at least 35 characters). */
export const LOCALE_MAX_LENGTH = 35;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';

/**
 * The tag in RFC 5646's conventional case (language lower, script title, region upper: `de-at` → `de-AT`), or null
 * when it is not a well-formed `langtag` (language, optional script, region, variants, extensions, private use;
 * extended-language subtags and grandfathered tags, which no catalog could match, are refused). Underscores
 * (`de_AT`, as POSIX locales write it) are accepted. Pure string checks: APPSYNC_JS has no regular expressions.
 *
 * @example canonicalLocaleTag('EN_us') // 'en-US'
 */
export function canonicalLocaleTag(tag: string): string | null {
  const text = tag.trim().split('_').join('-');
  if (text.length === 0 || text.length > LOCALE_MAX_LENGTH) return null;
  const out: string[] = [];
  // What the next subtag may be, in the grammar's order.
  let expect: 'language' | 'script' | 'region' | 'variant' | 'extension' | 'private' = 'language';
  // Subtags seen since the last singleton (an extension or private use needs at least one).
  let afterSingleton = -1;
  for (const raw of text.split('-')) {
    const subtag = raw.toLowerCase();
    if (expect === 'language') {
      if (!(subtag.length >= 2 && subtag.length <= 3 && only(subtag, LETTERS))) return null;
      out.push(subtag);
      expect = 'script';
    } else if (expect === 'extension' || expect === 'private') {
      const singleton = subtag.length === 1 && only(subtag, LETTERS + DIGITS);
      if (singleton && expect === 'extension' && afterSingleton > 0) {
        expect = subtag === 'x' ? 'private' : 'extension';
        afterSingleton = 0;
      } else if ((expect === 'private' || !singleton) && only(subtag, LETTERS + DIGITS) && subtag.length >= (expect === 'private' ? 1 : 2) && subtag.length <= 8) {
        afterSingleton = afterSingleton + 1;
      } else {
        return null;
      }
      out.push(subtag);
    } else if (subtag.length === 1 && only(subtag, LETTERS + DIGITS)) {
      expect = subtag === 'x' ? 'private' : 'extension';
      afterSingleton = 0;
      out.push(subtag);
    } else if (expect === 'script' && subtag.length === 4 && only(subtag, LETTERS)) {
      out.push(subtag.charAt(0).toUpperCase() + subtag.slice(1));
      expect = 'region';
    } else if ((expect === 'script' || expect === 'region') && isRegion(subtag)) {
      out.push(subtag.toUpperCase());
      expect = 'variant';
    } else if (isVariant(subtag)) {
      out.push(subtag);
      expect = 'variant';
    } else {
      return null;
    }
  }
  return afterSingleton === 0 ? null : out.join('-');
}

/**
 * The supported locale for a requested tag: the tag itself, then shorter and shorter prefixes of it (RFC 4647's
 * lookup: `de-AT-1996` → `de-AT` → `de`), then {@link DEFAULT_LOCALE}. Absent or malformed tags get the default.
 *
 * @example negotiateLocale('fr-CA') // 'fr'
 */
export function negotiateLocale(tag: string | null | undefined): SupportedLocale {
  const canonical = tag ? canonicalLocaleTag(tag) : null;
  if (!canonical) return DEFAULT_LOCALE;
  const prefixes: string[] = [];
  for (const subtag of canonical.toLowerCase().split('-')) {
    prefixes.unshift(prefixes.length === 0 ? subtag : `${prefixes[0]}-${subtag}`);
  }
  for (const prefix of prefixes) {
    const index = (SUPPORTED_LOCALES as readonly string[]).indexOf(prefix);
    if (index >= 0) return SUPPORTED_LOCALES[index] as SupportedLocale;
  }
  return DEFAULT_LOCALE;
}

function only(text: string, alphabet: string): boolean {
  return text.split('').every((char) => alphabet.indexOf(char) >= 0);
}

function isRegion(subtag: string): boolean {
  return (subtag.length === 2 && only(subtag, LETTERS)) || (subtag.length === 3 && only(subtag, DIGITS));
}

function isVariant(subtag: string): boolean {
  if (!only(subtag, LETTERS + DIGITS)) return false;
  return (subtag.length >= 5 && subtag.length <= 8) || (subtag.length === 4 && DIGITS.indexOf(subtag.charAt(0)) >= 0);
}
