import type { Message, MessageKey, MessageParam } from './messages.ts';

/** What rendering needs from vue-i18n (its composer's `t` and `n`): `i18n.global`, or `useI18n()` in a component. */
export interface Translator {
  t(key: MessageKey, named: Record<string, unknown>): string;
  t(key: MessageKey, named: Record<string, unknown>, plural: number): string;
  n(value: number): string;
}

/**
 * The text of a {@link Message} in the translator's current locale. Numbers are formatted for the locale (`n`),
 * nested messages (e.g. a duration inside a sentence) are translated first. Called during render, so the text
 * follows a change of language.
 *
 * @example renderMessage({ key: 'verification.invalidCode', count: 2 }, i18n.global) // 'That code is not right. 2 attempts remaining.'
 */
export function renderMessage(message: Message, translator: Translator): string {
  const named: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.params ?? {})) named[name] = renderParam(value, translator);
  if (message.count === undefined) return translator.t(message.key, named);
  named.count ??= translator.n(message.count);
  return translator.t(message.key, named, message.count);
}

function renderParam(value: MessageParam, translator: Translator): string {
  if (typeof value === 'number') return translator.n(value);
  if (typeof value === 'string') return value;
  return renderMessage(value, translator);
}
