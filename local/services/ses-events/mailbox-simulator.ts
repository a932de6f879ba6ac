/**
 * SES's mailbox simulator: what happens to mail for an address at `simulator.amazonses.com`, as SES documents it
 * ("Using the mailbox simulator"), with labels (`bounce+label1@…`) working like the plain address. Any other
 * address is delivered (nothing local can bounce it).
 */

/** The fate of one recipient. */
export type RecipientOutcome =
  /** success@ and any other address. */
  | 'delivered'
  /** bounce@: a hard bounce, SMTP 550 5.1.1 ("Unknown User"). */
  | 'bounced'
  /** ooto@: delivered; the out-of-office auto-reply SES would get back is not modelled. */
  | 'auto-replied'
  /** complaint@: delivered, then the recipient marks it as spam. */
  | 'complained'
  /** suppressionlist@: SES does not attempt it, as for an address on the account's suppression list (a hard bounce). */
  | 'suppressed';

export const SIMULATOR_DOMAIN = 'simulator.amazonses.com';

const BY_LOCAL_PART: Readonly<Record<string, RecipientOutcome>> = {
  success: 'delivered',
  bounce: 'bounced',
  ooto: 'auto-replied',
  complaint: 'complained',
  suppressionlist: 'suppressed',
};

/** What happens to mail for `address` (a plain address). Local part and domain are compared ignoring case (ours). */
export function recipientOutcome(address: string): RecipientOutcome {
  const at = address.lastIndexOf('@');
  if (at < 1 || address.slice(at + 1).toLowerCase() !== SIMULATOR_DOMAIN) return 'delivered';
  const local = address.slice(0, at).toLowerCase().split('+')[0] ?? '';
  return Object.hasOwn(BY_LOCAL_PART, local) ? BY_LOCAL_PART[local]! : 'delivered';
}
