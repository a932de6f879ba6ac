import type { SupportedLocale } from '../../../infra/model/index.ts';
import { de } from './de.ts';
import { en, type MessageSchema } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';

export type { MessageSchema } from './en.ts';

/**
 * Every catalog, one per supported locale. Typed by `SUPPORTED_LOCALES`, so a locale added there without a catalog,
 * or a catalog missing a key of English (each catalog `satisfies MessageSchema`), fails the type check.
 */
export const messages: Record<SupportedLocale, MessageSchema> = { en, de, es, fr };

/** The dotted path of every message, e.g. `'problem.networkError'`. */
export type MessageKey = Paths<MessageSchema>;

type Paths<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${Paths<T[K]>}`;
}[keyof T & string];

/**
 * A text to show, as pure logic (lib/) describes it: a message key and its values, translated when it is rendered
 * (renderMessage.ts), so a change of language also changes what is already on the page.
 *
 * @example { key: 'problem.rateLimited', params: { wait: { key: 'duration.seconds', count: 25 } } }
 */
export interface Message {
  key: MessageKey;
  /** Named values: a number is formatted for the locale, a message is translated first, a string is used as it is. */
  params?: Readonly<Record<string, MessageParam>>;
  /** Picks the singular or plural form ("… | …") and is `{count}`, formatted for the locale. */
  count?: number;
}

export type MessageParam = string | number | Message;
