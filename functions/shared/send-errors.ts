/**
 * What the email and SMS functions share about a send their provider (SES, SNS) did not accept: the two outcomes
 * (retry, or give the session up) as base classes of each function's own errors, and the name they log and record.
 * Messages and reasons never carry the code, the address or the number: providers' messages can quote them.
 */

/**
 * The provider did not accept the message for a reason that may pass (throttling after the client's retries, an
 * outage, an account-wide state): the record is reported as failed, retried, then dead-lettered (alarm).
 */
export class DeliveryError extends Error {
  // Each class names itself in a string: the bundle is minified, so `new.target.name` would log a mangled name.
  override name = 'DeliveryError';
  /** The provider's error name (or the network error's, see {@link sendErrorName}), never its message. */
  readonly reason: string;

  constructor(message: string, reason: string) {
    super(message);
    this.reason = reason;
  }
}

/**
 * The provider refused the message in a way every retry would repeat: the session is marked undeliverable (its code
 * removed) and the record is not retried.
 */
export class UndeliverableError extends Error {
  override name = 'UndeliverableError';
  /** The provider's error name, e.g. `MessageRejected`; recorded as the session's `undeliverableReason`. */
  readonly reason: string;

  constructor(message: string, reason: string) {
    super(message);
    this.reason = reason;
  }
}

/**
 * The name to log and record for an error of a send: the provider's error name, or for a network failure (whose name
 * is plain `Error`) Node's error code, e.g. `ECONNREFUSED`. Never the message: it can quote the address or number.
 */
export function sendErrorName(error: unknown): string {
  if (!(error instanceof Error)) return 'UnknownError';
  const code = (error as { code?: unknown }).code;
  return error.name === 'Error' && typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code) ? code : error.name;
}
