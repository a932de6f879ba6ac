import { watchEffect } from 'vue';
import { useI18n } from 'vue-i18n';

/**
 * Keeps `<html lang>` and the page title in the app's language, so screen readers pronounce the page in it,
 * browsers offer to translate only what needs it and the tab says what the page is. Called once, by App.vue.
 */
export function useDocumentLocale(): void {
  const { locale, t } = useI18n({ useScope: 'global' });
  watchEffect(() => {
    document.documentElement.lang = locale.value;
    document.title = t('app.title');
  });
}
