import type { SupportedLocale } from '../../../infra/model/index.ts';
import { isSupportedLocale } from './negotiate.ts';

/** Where the language picked in the switcher is remembered (localStorage). */
export const LOCALE_STORAGE_KEY = 'otp-web.locale';

/** The parts of `Storage` used here, so tests can pass a Map-backed fake. */
export type LocaleStorage = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * The language the person picked before, or null (none, no longer supported, or storage unavailable: a blocked
 * `localStorage` throws, and the app must still start).
 */
export function readLocalePreference(storage: () => LocaleStorage): SupportedLocale | null {
  try {
    const value = storage().getItem(LOCALE_STORAGE_KEY);
    return isSupportedLocale(value) ? value : null;
  } catch {
    return null;
  }
}

/** Remembers the picked language; without storage the choice lasts for this page only. */
export function saveLocalePreference(storage: () => LocaleStorage, locale: SupportedLocale): void {
  try {
    storage().setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Storage blocked or full: nothing to do, the page keeps the language until it is closed.
  }
}
