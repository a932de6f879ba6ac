/**
 * Errors of the send-otp-email function. They share one base so a caller can tell them from SDK errors.
 * Messages never contain the code or its hash.
 */
export class SendOtpEmailError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An environment variable is missing or out of range; raised at cold start so a misconfiguration fails loudly. */
export class ConfigurationError extends SendOtpEmailError {}

/** SES did not accept the email; the record is reported as failed so the event source mapping retries it. */
export class EmailDeliveryError extends SendOtpEmailError {}
