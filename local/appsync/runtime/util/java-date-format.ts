/**
 * The subset of Java's DateTimeFormatter patterns that util.time accepts here: y, M, d, H, h, m, s, S, a, E, Z, X, x,
 * z and 'quoted literals' (`''` is a quote). Enough for the patterns resolvers use; anything else is rejected loudly
 * rather than formatted wrongly.
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const LETTERS = 'yMdHhmsSaEZXxzu';

type Token = { kind: 'literal'; text: string } | { kind: 'field'; letter: string; width: number };

/** Splits a pattern into fields (runs of one letter) and literal text. */
function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i] as string;
    if (char === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        tokens.push({ kind: 'literal', text: "'" });
        i += 2;
        continue;
      }
      if (end < 0) throw new Error(`Unterminated quote in date pattern "${pattern}"`);
      tokens.push({ kind: 'literal', text: pattern.slice(i + 1, end) });
      i = end + 1;
    } else if (/[A-Za-z]/.test(char)) {
      if (!LETTERS.includes(char)) throw new Error(`Unsupported letter "${char}" in date pattern "${pattern}"`);
      let width = 1;
      while (pattern[i + width] === char) width += 1;
      tokens.push({ kind: 'field', letter: char, width });
      i += width;
    } else {
      tokens.push({ kind: 'literal', text: char });
      i += 1;
    }
  }
  return tokens;
}

/** Offset of a zone ID ("Australia/Perth", "UTC") or offset ("+08:00", "Z") at an instant, in minutes east of UTC. */
function zoneOffsetMinutes(zone: string, epochMs: number): number {
  const fixed = parseOffset(zone);
  if (fixed !== null) return fixed;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(epochMs));
  const get = (type: string): number => Number(parts.find((part) => part.type === type)?.value);
  const wallClock = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wallClock - Math.floor(epochMs / 1000) * 1000) / 60000);
}

/** "+08:00", "+0800", "+08", "Z", "UTC", "GMT+8"… → minutes, or null when it is a zone ID. */
function parseOffset(text: string): number | null {
  if (text === 'Z' || text === 'UTC' || text === 'GMT') return 0;
  const match = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

const pad = (value: number, width: number): string => String(Math.abs(value)).padStart(width, '0');

function formatOffset(minutes: number, letter: string, width: number): string {
  if (minutes === 0 && letter === 'X') return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const hours = pad(Math.trunc(Math.abs(minutes) / 60), 2);
  const mins = pad(Math.abs(minutes) % 60, 2);
  if (letter === 'Z') return width === 4 ? `GMT${sign}${hours}:${mins}` : width >= 5 ? `${sign}${hours}:${mins}` : `${sign}${hours}${mins}`;
  if (width === 1) return mins === '00' ? `${sign}${hours}` : `${sign}${hours}${mins}`;
  return width === 2 || width === 4 ? `${sign}${hours}${mins}` : `${sign}${hours}:${mins}`;
}

/** Formats an instant with a Java pattern in a zone (default UTC). */
export function formatEpochMillis(epochMs: number, pattern: string, zone = 'UTC'): string {
  const offset = zoneOffsetMinutes(zone, epochMs);
  const wall = new Date(epochMs + offset * 60000);
  let output = '';
  for (const token of tokenize(pattern)) {
    if (token.kind === 'literal') {
      output += token.text;
      continue;
    }
    const { letter, width } = token;
    const hour = wall.getUTCHours();
    switch (letter) {
      case 'y':
      case 'u':
        output += width === 2 ? pad(wall.getUTCFullYear() % 100, 2) : pad(wall.getUTCFullYear(), width);
        break;
      case 'M': {
        const month = wall.getUTCMonth();
        const name = MONTHS[month] as string;
        output += width >= 4 ? name : width === 3 ? name.slice(0, 3) : pad(month + 1, width);
        break;
      }
      case 'd':
        output += pad(wall.getUTCDate(), width);
        break;
      case 'H':
        output += pad(hour, width);
        break;
      case 'h':
        output += pad(hour % 12 === 0 ? 12 : hour % 12, width);
        break;
      case 'm':
        output += pad(wall.getUTCMinutes(), width);
        break;
      case 's':
        output += pad(wall.getUTCSeconds(), width);
        break;
      case 'S':
        output += pad(wall.getUTCMilliseconds(), 3).padEnd(width, '0').slice(0, width);
        break;
      case 'a':
        output += hour < 12 ? 'AM' : 'PM';
        break;
      case 'E': {
        const name = DAYS[wall.getUTCDay()] as string;
        output += width >= 4 ? name : name.slice(0, 3);
        break;
      }
      case 'z':
        output += offset === 0 ? 'UTC' : formatOffset(offset, 'Z', 4);
        break;
      default:
        output += formatOffset(offset, letter, width);
    }
  }
  return output;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Parses text with a Java pattern; the zone applies when the text carries no offset (default UTC). */
export function parseToEpochMillis(text: string, pattern: string, zone = 'UTC'): number {
  const fields: string[] = [];
  let source = '^';
  for (const token of tokenize(pattern)) {
    if (token.kind === 'literal') {
      source += escapeRegExp(token.text);
      continue;
    }
    fields.push(token.letter);
    const { letter, width } = token;
    if (letter === 'M' && width >= 3) source += '([A-Za-z]+)';
    else if (letter === 'E') source += '[A-Za-z]+';
    else if (letter === 'a') source += '(AM|PM|am|pm)';
    else if ('ZXxz'.includes(letter)) source += '(Z|UTC|GMT|(?:GMT)?[+-]\\d{2}(?::?\\d{2})?)';
    else if (letter === 'S') source += `(\\d{${width}})`;
    else source += width >= 2 && letter !== 'y' ? `(\\d{${width}})` : '(\\d+)';
    if (letter === 'E') fields.pop();
  }
  const match = new RegExp(`${source}$`).exec(text);
  if (!match) throw new Error(`Text "${text}" does not match the date pattern "${pattern}"`);
  const parts = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millis: 0, pm: null as boolean | null };
  let offset: number | null = null;
  fields.forEach((letter, index) => {
    const value = match[index + 1] as string;
    switch (letter) {
      case 'y':
      case 'u':
        parts.year = value.length === 2 ? 2000 + Number(value) : Number(value);
        break;
      case 'M':
        parts.month = /^\d+$/.test(value)
          ? Number(value)
          : MONTHS.findIndex((name) => name.toLowerCase().startsWith(value.toLowerCase())) + 1;
        break;
      case 'd':
        parts.day = Number(value);
        break;
      case 'H':
      case 'h':
        parts.hour = Number(value);
        break;
      case 'm':
        parts.minute = Number(value);
        break;
      case 's':
        parts.second = Number(value);
        break;
      case 'S':
        parts.millis = Math.round(Number(`0.${value}`) * 1000);
        break;
      case 'a':
        parts.pm = value.toUpperCase() === 'PM';
        break;
      default:
        offset = parseOffset(value);
    }
  });
  if (parts.pm !== null) parts.hour = (parts.hour % 12) + (parts.pm ? 12 : 0);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, parts.millis);
  if (offset !== null) return wall - offset * 60000;
  // A zone's offset depends on the instant: guess with the wall clock, then correct once (DST edges).
  const guess = wall - zoneOffsetMinutes(zone, wall) * 60000;
  return wall - zoneOffsetMinutes(zone, guess) * 60000;
}
