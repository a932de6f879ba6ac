import { DeliveryError, UndeliverableError } from '../shared/send-errors.ts';

/**
 * Errors of the send-otp-sms function; messages never contain the code or the number. The two outcomes of a failed
 * send extend the bases the email function shares (../shared/send-errors.ts).
 */
export class SendOtpSmsError extends Error {
  override name = 'SendOtpSmsError';
}

/** An environment variable is missing or malformed (raised at cold start). */
export class SmsConfigurationError extends SendOtpSmsError {
  override name = 'SmsConfigurationError';
}

/** SNS did not accept the text for a reason that may pass; the record is retried. */
export class SmsDeliveryError extends DeliveryError {
  override name = 'SmsDeliveryError';
  constructor(reason: string) {
    super(`SNS did not accept the SMS (${reason})`, reason);
  }
}

/** SNS refused the text in a way every retry would repeat; the session is marked undeliverable, not retried. */
export class UndeliverableSmsError extends UndeliverableError {
  override name = 'UndeliverableSmsError';
  constructor(reason: string) {
    super(`SNS refused the SMS for good (${reason})`, reason);
  }
}
