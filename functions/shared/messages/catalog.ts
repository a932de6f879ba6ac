/**
 * The words of every message a code travels in, one catalog per supported locale (infra/model/locales.ts). Values
 * are templates: `{code}`, `{appName}`, `{minutes}` and `{supportUrl}` are filled in by render-email.ts and
 * render-sms.ts. Every message says never to share the code.
 */
import type { SupportedLocale } from '../../../infra/model/index.ts';
import { de } from './catalogs/de.ts';
import { en } from './catalogs/en.ts';
import { es } from './catalogs/es.ts';
import { fr } from './catalogs/fr.ts';

export interface MessageCatalog {
  /** Starts with the code, so it shows in the inbox list and mail clients can offer to copy it. */
  emailSubject: string;
  heading: string;
  intro: string;
  /** By CLDR plural category of `{minutes}` (Intl.PluralRules); `other` is required, the rest as the language has them. */
  expires: { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;
  neverShare: string;
  ignore: string;
  support: string;
  /** The SMS's first line; its last line is the WebOTP / one-time-code line (`@domain #code`). */
  sms: string;
}

export const CATALOGS: Readonly<Record<SupportedLocale, MessageCatalog>> = { en, de, es, fr };
