import { DeliveryError, UndeliverableError } from '../shared/send-errors.ts';

/**
 * Errors of the send-otp-email function. They share one base so a caller can tell them from SDK errors; the two
 * outcomes of a failed send extend the bases the SMS function shares (../shared/send-errors.ts) instead.
 * Messages never contain the code, its hash or the email address.
 */
export class SendOtpEmailError extends Error {
  // Each class names itself in a string: the bundle is minified, so `new.target.name` would log a mangled name.
  override name = 'SendOtpEmailError';
}

/** An environment variable is missing or out of range; raised at cold start so a misconfiguration fails loudly. */
export class ConfigurationError extends SendOtpEmailError {
  override name = 'ConfigurationError';
}

/**
 * KMS did not make the code's MAC (throttled after the client's retries, a disabled or unknown key, access denied, an
 * outage): nothing was stored or sent, and the record is reported as failed so the event source mapping retries it.
 */
export class CodeMacError extends SendOtpEmailError {
  override name = 'CodeMacError';
  /** KMS's error name (or the network error's), never its message. */
  readonly reason: string;

  constructor(reason: string) {
    super(`KMS did not make the code's MAC (${reason})`);
    this.reason = reason;
  }
}

/**
 * SES did not accept the email for a reason that may pass (throttling, an outage, …); the record is reported as
 * failed so the event source mapping retries it.
 */
export class EmailDeliveryError extends DeliveryError {
  override name = 'EmailDeliveryError';

  constructor(reason: string) {
    super(`SES did not accept the email (${reason})`, reason);
  }
}

/**
 * SES refused the email in a way every retry would repeat (see ses-errors.ts); the session is marked undeliverable
 * and the record is not retried.
 */
export class UndeliverableEmailError extends UndeliverableError {
  override name = 'UndeliverableEmailError';

  constructor(reason: string) {
    super(`SES refused the email for good (${reason})`, reason);
  }
}
