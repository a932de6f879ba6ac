import { watchEffect } from 'vue';
import { useI18n } from 'vue-i18n';
import type { MessageKey } from '../i18n/messages.ts';

/**
 * Keeps `<html lang>` and the page title in the app's language, so screen readers pronounce the page in it,
 * browsers offer to translate only what needs it and the tab says what the page is. Called once, by App.vue, with
 * the key of the page on show's title.
 */
export function useDocumentLocale(titleKey: () => MessageKey = () => 'app.title'): void {
  const { locale, t } = useI18n({ useScope: 'global' });
  watchEffect(() => {
    document.documentElement.lang = locale.value;
    document.title = t(titleKey());
  });
}
