/**
 * The canonical mailbox of an address: the key every per-person limit (send limits, the failure budget) is counted
 * on, so that variants which reach one inbox share one limit. The email itself is still sent to the address as
 * given (only trimmed and lower-cased); the canonical form is never an address to send to.
 *
 * Rules, and why:
 * - lower case: domains are case-insensitive, and every large provider treats local parts so too;
 * - `+tag` removed for every domain: sub-addressing (RFC 5233) is on by default at Gmail, Outlook, iCloud, Fastmail,
 *   Proton and most self-hosted servers, so `bob+1@x` and `bob+2@x` reach `bob@x`. On the few domains where `+` is
 *   part of a real local part, two people would share one limit: a tighter limit for them, never a looser one;
 * - for Gmail only, dots removed from the local part and `googlemail.com` folded into `gmail.com`: Gmail ignores
 *   dots and serves both domains from one account. Other providers treat dots as significant, so they are kept.
 */

/** Gmail's domains; the first is the canonical one. */
const GMAIL_DOMAIN = 'gmail.com';
const GMAIL_ALIAS_DOMAINS = ['gmail.com', 'googlemail.com'];

/**
 * The canonical mailbox of a (trimmed, lower-cased) address. An address without `@` is returned unchanged (the
 * schema's AWSEmail has already refused those).
 *
 * @example canonicalMailbox('b.o.b+news@googlemail.com') // 'bob@gmail.com'
 */
export function canonicalMailbox(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 0) return email;
  const domain = email.slice(at + 1);
  const tagAt = email.indexOf('+');
  // A `+` inside the domain part is not a tag; only one before the `@` is.
  const local = tagAt >= 0 && tagAt < at ? email.slice(0, tagAt) : email.slice(0, at);
  if (GMAIL_ALIAS_DOMAINS.indexOf(domain) >= 0) return `${local.split('.').join('')}@${GMAIL_DOMAIN}`;
  return `${local}@${domain}`;
}

/** The domain of a canonical mailbox (the per-domain send budget's key). */
export function mailboxDomain(mailbox: string): string {
  return mailbox.slice(mailbox.lastIndexOf('@') + 1);
}
