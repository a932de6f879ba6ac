/** Errors of the send-otp-sms function; messages never contain the code or the number. */
export class SendOtpSmsError extends Error {
  override name = 'SendOtpSmsError';
}

/** An environment variable is missing or malformed (raised at cold start). */
export class SmsConfigurationError extends SendOtpSmsError {
  override name = 'SmsConfigurationError';
}

/** SNS did not accept the text for a reason that may pass; the record is retried. */
export class SmsDeliveryError extends SendOtpSmsError {
  override name = 'SmsDeliveryError';
  readonly reason: string;
  constructor(reason: string) {
    super(`SNS did not accept the SMS (${reason})`);
    this.reason = reason;
  }
}

/** SNS refused the text in a way every retry would repeat; the session is marked undeliverable, not retried. */
export class UndeliverableSmsError extends SendOtpSmsError {
  override name = 'UndeliverableSmsError';
  readonly reason: string;
  constructor(reason: string) {
    super(`SNS refused the SMS for good (${reason})`);
    this.reason = reason;
  }
}
