import type { PluralizationRule } from 'vue-i18n';

/**
 * vue-i18n's plural rule for a locale, from the browser's own CLDR data (`Intl.PluralRules`): messages give two forms,
 * "singular | plural", and the singular is used where the language says "one". vue-i18n's built-in rule treats only
 * 1 as singular, which is wrong for French ("0 essai", not "0 essais"). A language with more forms (e.g. Polish)
 * would need a rule of its own.
 *
 * @example pluralRule('fr')(0, 2) // 0: the singular
 */
export function pluralRule(locale: string): PluralizationRule {
  const rules = new Intl.PluralRules(locale);
  return (choice, choicesLength) => {
    if (choicesLength !== 2) return Math.min(Math.abs(choice), choicesLength - 1);
    return rules.select(choice) === 'one' ? 0 : 1;
  };
}
