import { computed, type WritableComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { DEFAULT_LOCALE, SUPPORTED_LOCALES, type SupportedLocale } from '../../../infra/model/index.ts';
import { saveLocalePreference } from '../i18n/localePreference.ts';
import { messages } from '../i18n/messages.ts';
import { isSupportedLocale } from '../i18n/negotiate.ts';

/** A language the app can be shown in, named in itself ("Deutsch"), so people find theirs whatever is shown. */
export interface LanguageChoice {
  locale: SupportedLocale;
  name: string;
}

/** What {@link useLocale} returns. */
export interface UseLocale {
  /** The language the page is shown in; setting it switches the page and remembers the choice. */
  locale: WritableComputedRef<SupportedLocale>;
  /** Every supported language, in SUPPORTED_LOCALES' order. */
  languages: readonly LanguageChoice[];
}

/**
 * The app's language, for the switcher and for what is sent to the API. Only a choice made here is remembered: a
 * person who never picks one keeps following the browser's languages.
 *
 * @example const { locale, languages } = useLocale();
 */
export function useLocale(): UseLocale {
  const i18n = useI18n({ useScope: 'global' });
  const locale = computed<SupportedLocale>({
    get: () => (isSupportedLocale(i18n.locale.value) ? i18n.locale.value : DEFAULT_LOCALE),
    set: (value) => {
      i18n.locale.value = value;
      saveLocalePreference(() => window.localStorage, value);
    },
  });
  const languages = SUPPORTED_LOCALES.map((supported) => ({ locale: supported, name: messages[supported].language.name }));
  return { locale, languages };
}
