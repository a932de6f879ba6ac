/**
 * AppSync's scalar validation rules as pure predicates, following
 * https://docs.aws.amazon.com/appsync/latest/devguide/scalars.html.
 * Kept free of graphql-js so they can be unit-tested and reused (e.g. by the real-time server).
 */
import { isIP } from 'node:net';

/** `Z` or `±hh:mm` or `±hh:mm:ss` (AppSync accepts seconds in the offset though ISO 8601 does not). */
const OFFSET = '(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?)';
const DATE = '(\\d{4})-(\\d{2})-(\\d{2})';
// Seconds optional; nanoseconds (1–9 digits) only after seconds.
const TIME = '(?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d{1,9})?)?';

const DATE_PATTERN = new RegExp(`^${DATE}${OFFSET}?$`);
const TIME_PATTERN = new RegExp(`^${TIME}${OFFSET}?$`);
const DATE_TIME_PATTERN = new RegExp(`^${DATE}T${TIME}${OFFSET}$`);
// RFC 822 style local part (atext and dots) and a domain of labels; `a@b` is valid on AppSync.
const EMAIL_PATTERN = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
// Decision (docs give no grammar): optional leading +, then digits with spaces/hyphens/parentheses, 4+ digits.
const PHONE_PATTERN = /^\+?[\d\s()-]+$/;

function isCalendarDate(year: string, month: string, day: string): boolean {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1) return false;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= daysInMonth;
}

/** AWSDate: `YYYY-MM-DD` with an optional offset (`1970-01-01Z`, `1970-01-01-07:00`). */
export function isAwsDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  return match !== null && isCalendarDate(match[1]!, match[2]!, match[3]!);
}

/** AWSTime: `hh:mm[:ss[.sssssssss]]` with an optional offset. */
export function isAwsTime(value: string): boolean {
  return TIME_PATTERN.test(value);
}

/** AWSDateTime: `YYYY-MM-DDThh:mm[:ss[.s…]]` followed by a mandatory offset. */
export function isAwsDateTime(value: string): boolean {
  const match = DATE_TIME_PATTERN.exec(value);
  return match !== null && isCalendarDate(match[1]!, match[2]!, match[3]!);
}

/** AWSTimestamp: an integer number of seconds since the epoch (negative allowed). */
export function isAwsTimestamp(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** AWSEmail: `local@domain` per RFC 822. */
export function isAwsEmail(value: string): boolean {
  return EMAIL_PATTERN.test(value);
}

/** AWSJSON: a string holding valid JSON. */
export function isAwsJson(value: string): boolean {
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

/** AWSURL: must carry a scheme (`http:`, `mailto:`…); `//` is not allowed inside the path. */
export function isAwsUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(value)) return false;
  return !url.pathname.slice(1).includes('//');
}

/** AWSPhone: digits with optional `+` country code, spaces, hyphens or parentheses; at least 4 digits. */
export function isAwsPhone(value: string): boolean {
  return PHONE_PATTERN.test(value) && value.replace(/\D/g, '').length >= 4;
}

/** AWSIPAddress: IPv4 or IPv6, optionally with a CIDR prefix (`/24`). */
export function isAwsIpAddress(value: string): boolean {
  const [address = '', prefix, extra] = value.split('/');
  if (extra !== undefined) return false;
  const version = isIP(address);
  if (version === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}
