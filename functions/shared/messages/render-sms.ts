import { type MessageBrand, type SupportedLocale } from '../../../infra/model/index.ts';
import { CATALOGS } from './catalog.ts';
import { formatMessage } from './format-message.ts';

/**
 * The SMS text in `locale`: `123456 is your <App> code. Don't share it.` and, when the brand names the web app's
 * host, a last line `@host #123456` (the WebOTP / iOS / Android one-time-code format), so the browser or phone offers
 * the code to that site only.
 *
 * @example renderOtpSms({ code: '123456', locale: 'en', brand: { appName: 'Acme', color: '#000000', webOtpDomain: 'acme.example' } })
 * // "123456 is your Acme code. Don't share it.\n\n@acme.example #123456"
 */
export function renderOtpSms(input: { code: string; locale: SupportedLocale; brand: MessageBrand }): string {
  const first = formatMessage(CATALOGS[input.locale].sms, { code: input.code, appName: input.brand.appName });
  return input.brand.webOtpDomain ? `${first}\n\n@${input.brand.webOtpDomain} #${input.code}` : first;
}
