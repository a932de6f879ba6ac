/**
 * Names of the SES errors that are permanent for the email at hand: SES refused this message, and every retry of
 * the same send within the code's lifetime gets the same answer. Such a session is marked undeliverable instead of
 * being retried into the dead-letter queue. Everything else is transient (retried, then dead-lettered).
 *
 * Permanent:
 * - `MessageRejected`: the recipient is refused: not a verified identity while the account is in the SES sandbox,
 *   on the account's suppression list, or the message was refused (e.g. flagged content).
 * - `InvalidParameterValue`: SES finds the address malformed (e.g. "Missing final '@domain'", a non-ASCII local
 *   part) although the API accepted it as an AWSEmail. Not one of the client's error classes: SES answers it as a
 *   generic error whose code the SDK uses as the name.
 * - `MailFromDomainNotVerifiedException`: SES cannot read the MX record of the sender's custom MAIL FROM domain.
 *   A sender-side fault, but one a DNS change fixes, long after a code has expired: retrying in the meantime only
 *   moves the records to the DLQ. The WARN log (`errorName`) and the item's `undeliverableReason` show it.
 * - `FromEmailAddressNotVerifiedException`: the client's class for an unverified sender identity. SendEmail's model
 *   does not declare it (SES answers that case with MessageRejected); listed so that the bad-identity family is
 *   treated alike should SES ever answer with it.
 *
 * Deliberately transient:
 * - `AccountSendingPausedException`, `ProductionAccessNotGrantedException`: account-level; every send fails until
 *   someone acts, so the records must reach the DLQ and its alarm, not be written off one by one.
 * - `ConfigurationSetDoesNotExistException`, `ConfigurationSetSendingPausedException`: not about the user at all
 *   but a misconfiguration. This function names no configuration set, so they can only come from a default
 *   configuration set of the sender identity that was deleted or paused: a deployment-wide fault, which again must
 *   fire the DLQ alarm rather than mark every session undeliverable.
 */
export const PERMANENT_SES_ERROR_NAMES: ReadonlySet<string> = new Set([
  'MessageRejected',
  'InvalidParameterValue',
  'MailFromDomainNotVerifiedException',
  'FromEmailAddressNotVerifiedException',
]);

/**
 * Whether an error SES answered (after the client's own retries) is permanent for this email.
 *
 * @example
 * ```ts
 * isPermanentSesError({ name: 'MessageRejected' }); // true
 * isPermanentSesError({ name: 'Throttling' }); // false
 * ```
 */
export function isPermanentSesError(error: unknown): boolean {
  return error instanceof Error && PERMANENT_SES_ERROR_NAMES.has(error.name);
}
