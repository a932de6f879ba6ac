import { type MessageBrand, type SupportedLocale } from '../../../infra/model/index.ts';
import { CATALOGS, type MessageCatalog } from './catalog.ts';
import { EMAIL_LAYOUT, EMAIL_LAYOUT_WITH_LOGO } from './email-layout.generated.ts';
import { escapeHtml, formatMessage } from './format-message.ts';

/** The rendered email: subject and bodies. */
export interface OtpEmailContent {
  subject: string;
  text: string;
  html: string;
}

export interface OtpEmailInput {
  code: string;
  /** The code's remaining lifetime; shown in whole minutes, rounded down (at least 1). */
  ttlSeconds: number;
  locale: SupportedLocale;
  brand: MessageBrand;
}

/**
 * Renders the verification email in `locale`: the subject and the text body start with the code, every part says
 * never to share it, and the HTML is the MJML layout (email-layout.mjml) with every value HTML-escaped.
 *
 * Clients (and the end-to-end tests) read the code with `/\b(\d{4,10})\b/`, so the code is the first run of digits
 * in the text body.
 *
 * @example
 * renderOtpEmail({ code: '123456', ttlSeconds: 300, locale: 'en', brand: { appName: 'Acme', color: '#1d4ed8' } }).subject;
 * // '123456 is your Acme verification code'
 */
export function renderOtpEmail(input: OtpEmailInput): OtpEmailContent {
  const catalog = CATALOGS[input.locale];
  const minutes = Math.max(1, Math.floor(input.ttlSeconds / 60));
  const values = {
    code: input.code,
    appName: input.brand.appName,
    minutes: new Intl.NumberFormat(input.locale).format(minutes),
    supportUrl: input.brand.supportUrl ?? '',
  };
  const text = (template: string) => formatMessage(template, values);
  const expires = expiresTemplate(catalog, input.locale, minutes);
  const subject = text(catalog.emailSubject);

  const textBody = [
    `${subject}.`,
    '',
    text(catalog.intro),
    '',
    `    ${input.code}`,
    '',
    text(expires),
    '',
    text(catalog.neverShare),
    '',
    text(catalog.ignore),
    ...(input.brand.supportUrl ? ['', text(catalog.support)] : []),
    '',
  ].join('\n');

  const html = (template: string) => formatMessage(template, values, escapeHtml);
  const slots: Record<string, string> = {
    lang: input.locale,
    title: html(catalog.emailSubject),
    preview: html(catalog.neverShare),
    heading: html(catalog.heading),
    intro: html(catalog.intro),
    code: escapeHtml(input.code),
    expires: html(expires),
    neverShare: html(catalog.neverShare),
    ignore: html(catalog.ignore),
    support: input.brand.supportUrl ? supportLine(catalog.support, values) : '',
    color: escapeHtml(input.brand.color),
    appName: escapeHtml(input.brand.appName),
    logoUrl: escapeHtml(input.brand.logoUrl ?? ''),
  };
  const layout = input.brand.logoUrl ? EMAIL_LAYOUT_WITH_LOGO : EMAIL_LAYOUT;
  const htmlBody = layout.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const slot = slots[name];
    if (slot === undefined) throw new Error(`The email layout names {{${name}}}, which has no value.`);
    return slot;
  });
  return { subject, text: textBody, html: htmlBody };
}

function expiresTemplate(catalog: MessageCatalog, locale: SupportedLocale, minutes: number): string {
  return catalog.expires[new Intl.PluralRules(locale).select(minutes)] ?? catalog.expires.other;
}

/** The support sentence with its URL as a link; the rest escaped as text. */
function supportLine(template: string, values: Readonly<Record<string, string>>): string {
  const url = escapeHtml(values.supportUrl ?? '');
  return template
    .split('{supportUrl}')
    .map((part) => formatMessage(part, values, escapeHtml))
    .join(`<a href="${url}" style="color:inherit">${url}</a>`);
}
