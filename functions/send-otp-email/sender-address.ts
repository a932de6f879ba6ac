/**
 * The email's From: the sender address, with the brand's display name when there is one. A name of printable ASCII
 * is a quoted string (RFC 5322: `"Acme \"Security\"" <no-reply@acme.example>`); any other is a MIME encoded word
 * (RFC 2047), as SES requires for non-ASCII text in Source.
 *
 * @example senderAddress('no-reply@acme.example', 'Acmé') // '=?UTF-8?B?QWNtw6k=?= <no-reply@acme.example>'
 */
export function senderAddress(address: string, displayName: string | undefined): string {
  const name = displayName?.trim();
  if (!name) return address;
  const printableAscii = [...name].every((char) => char >= ' ' && char <= '~');
  const phrase = printableAscii
    ? `"${name.replace(/["\\]/g, (char) => `\\${char}`)}"`
    : `=?UTF-8?B?${Buffer.from(name, 'utf8').toString('base64')}?=`;
  return `${phrase} <${address}>`;
}
