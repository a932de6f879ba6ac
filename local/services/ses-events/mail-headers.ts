/**
 * Headers of an email as SES reports them in event records (`mail.headers`, `mail.commonHeaders`): read from a raw
 * MIME message (SendRawEmail, v2 Raw content), or made up the way SES writes them for the messages it composes itself
 * (SendEmail, v2 Simple content).
 */

export interface MailHeader {
  name: string;
  value: string;
}

/** The RFC 5322 header block of a raw message: unfolded, in order, up to the first empty line. */
export function rawHeaders(raw: string): MailHeader[] {
  const end = raw.search(/\r?\n\r?\n/);
  const block = end === -1 ? raw : raw.slice(0, end);
  const headers: MailHeader[] = [];
  for (const line of block.split(/\r?\n/)) {
    const last = headers.at(-1);
    // A line starting with white space continues the previous header (folding).
    if (/^[ \t]/.test(line) && last) last.value += ` ${line.trim()}`;
    else {
      const colon = line.indexOf(':');
      if (colon > 0) headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
    }
  }
  return headers;
}

/** The values of every header named `name` (case-insensitive). */
export function headerValues(headers: readonly MailHeader[], name: string): string[] {
  const wanted = name.toLowerCase();
  return headers.filter((header) => header.name.toLowerCase() === wanted).map((header) => header.value);
}

/**
 * The mailbox addresses in address fields (`Ana <ana@example.com>, bo@example.com`), without display names: what
 * the envelope's recipients are. Good enough for addresses as mailers write them; quoted local parts with spaces are
 * not read.
 */
export function addressesIn(values: readonly string[]): string[] {
  return values.flatMap((value) => value.match(/[^\s<>",;:()]+@[^\s<>",;:()]+/g) ?? []);
}

/** The plain address of `Name <address>` (or the text itself). */
export function plainAddress(mailbox: string): string {
  return addressesIn([mailbox])[0] ?? mailbox;
}
