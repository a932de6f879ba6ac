/** Message rendering for every channel a code travels in: one catalog per locale, one email layout. */
export { CATALOGS, type MessageCatalog } from './catalog.ts';
export { renderOtpEmail, type OtpEmailContent, type OtpEmailInput } from './render-email.ts';
export { renderOtpSms } from './render-sms.ts';
