/**
 * The TIMESTAMP of a PASSWORD_VERIFIER answer: `ddd MMM D HH:mm:ss UTC YYYY` in English (`Tue Mar 5 09:07:02 UTC
 * 2024`), what AWS's clients send and Cognito's message names as `EEE MMM d HH:mm:ss z yyyy`. The day may be padded
 * (Java's `d` parses both). It is part of the signed text; the local pool checks its form, not its distance from now
 * (the session that carries B is single-use, so a signature cannot be replayed: README, decisions).
 */

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const FORM = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) UTC (\d{4})$/;

/** Cognito's message for a TIMESTAMP of another form. */
export const TIMESTAMP_FORMAT_MESSAGE = 'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.';

/** `date` in the clients' form. */
export function formatSrpTimestamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${WEEKDAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`;
}

/** Whether `text` is a timestamp of that form naming a real date whose weekday is right. */
export function isSrpTimestamp(text: string): boolean {
  const match = FORM.exec(text);
  if (!match) return false;
  const [, weekday, month, day, hours, minutes, seconds, year] = match;
  const date = new Date(Date.UTC(Number(year), MONTHS.indexOf(month!), Number(day), Number(hours), Number(minutes), Number(seconds)));
  return (
    date.getUTCDate() === Number(day) &&
    date.getUTCHours() === Number(hours) &&
    date.getUTCMinutes() === Number(minutes) &&
    date.getUTCSeconds() === Number(seconds) &&
    WEEKDAYS[date.getUTCDay()] === weekday
  );
}
