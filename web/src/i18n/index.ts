import { createI18n } from 'vue-i18n';
import { DEFAULT_LOCALE, SUPPORTED_LOCALES, type SupportedLocale } from '../../../infra/model/index.ts';
import { messages } from './messages.ts';
import { pluralRule } from './pluralRules.ts';

export type { Message, MessageKey, MessageParam, MessageSchema } from './messages.ts';

/**
 * The app's vue-i18n instance in Composition API mode, starting in `locale`; a key missing in a locale would fall
 * back to English (the type check and i18n tests keep that from happening).
 *
 * @example app.use(createAppI18n(initialLocale(readLocalePreference(() => localStorage), navigator.languages)))
 */
export function createAppI18n(locale: SupportedLocale) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages,
    pluralRules: Object.fromEntries(SUPPORTED_LOCALES.map((supported) => [supported, pluralRule(supported)])),
  });
}

/** The app's i18n instance type. */
export type AppI18n = ReturnType<typeof createAppI18n>;
