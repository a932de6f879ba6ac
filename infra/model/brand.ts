/**
 * What the adopter's `brand` prop puts into every message: the app's name and colour, and optionally a logo, a
 * support page and the web app's domain for the SMS's one-time-code line. The construct validates it; the functions
 * read it from their environment.
 */
/** The longest app name: it appears in every subject and SMS, which must stay short. */
export const APP_NAME_MAX_LENGTH = 40;

export interface MessageBrand {
  appName: string;
  /** `#rrggbb`: the code's colour in the email. */
  color: string;
  /** HTTPS URL of a logo; without one the email loads no remote resource at all. */
  logoUrl?: string;
  /** HTTPS URL of a help page, linked from every email. */
  supportUrl?: string;
  /**
   * The web app's host name (`app.example.com`): the SMS's last line `@host #code` lets browsers (WebOTP) and
   * phones offer the code to that site only.
   */
  webOtpDomain?: string;
}

export const BRAND_DEFAULTS = { appName: 'OTP', color: '#1d4ed8' } as const satisfies Partial<MessageBrand>;

/** The functions' environment variable that carries the brand (and the email's sender name), as JSON. */
export const BRAND_VARIABLE = 'OTP_BRAND';

/** What {@link BRAND_VARIABLE} holds: the brand and the email's sender display name. */
export type BrandSettings = MessageBrand & { senderName?: string };

export function brandVariable(brand: BrandSettings): string {
  return JSON.stringify(brand);
}

/**
 * Reads {@link BRAND_VARIABLE}: the defaults when it is absent, and an Error naming the variable when it is not a
 * brand (a hand-edited environment must not put markup or a plain-http logo into emails).
 */
export function readBrandVariable(text: string | undefined): BrandSettings {
  if (text === undefined || text.trim() === '') return { ...BRAND_DEFAULTS };
  const parsed: unknown = JSON.parse(text);
  const brand = { ...BRAND_DEFAULTS, ...(typeof parsed === 'object' && parsed !== null ? parsed : {}) } as Record<string, unknown>;
  const { appName, color, logoUrl, supportUrl, webOtpDomain, senderName } = brand;
  const ok =
    typeof appName === 'string' &&
    appName.trim() !== '' &&
    appName.length <= APP_NAME_MAX_LENGTH &&
    typeof color === 'string' &&
    isHexColor(color) &&
    (logoUrl === undefined || (typeof logoUrl === 'string' && isPublicHttpsUrl(logoUrl))) &&
    (supportUrl === undefined || (typeof supportUrl === 'string' && isPublicHttpsUrl(supportUrl))) &&
    (webOtpDomain === undefined || (typeof webOtpDomain === 'string' && isHostName(webOtpDomain))) &&
    (senderName === undefined || (typeof senderName === 'string' && senderName.trim() !== '' && senderName.length <= 64));
  if (!ok) throw new Error(`Environment variable ${BRAND_VARIABLE} is not a valid brand`);
  return brand as unknown as BrandSettings;
}

const HEX_DIGITS = '0123456789abcdefABCDEF';
const HOST_CHARACTERS = 'abcdefghijklmnopqrstuvwxyz0123456789-';

/** `#rrggbb`. (String checks, not regular expressions: infra/model stays in the APPSYNC_JS subset.) */
export function isHexColor(value: string): boolean {
  return value.length === 7 && value.charAt(0) === '#' && value.slice(1).split('').every((char) => HEX_DIGITS.indexOf(char) >= 0);
}

/** An absolute https: URL without credentials (it is shown to users and, for a logo, fetched by their mail client). */
export function isPublicHttpsUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.hostname.includes('.');
}

/** A lower-case DNS host name (`app.example.com`), as WebOTP's `@host` line names it: no scheme, port or path. */
export function isHostName(value: string): boolean {
  const labels = value.split('.');
  return (
    value.length <= 253 &&
    labels.length >= 2 &&
    labels.every(
      (label) =>
        label.length >= 1 &&
        label.length <= 63 &&
        label.charAt(0) !== '-' &&
        label.charAt(label.length - 1) !== '-' &&
        label.split('').every((char) => HOST_CHARACTERS.indexOf(char) >= 0),
    )
  );
}
