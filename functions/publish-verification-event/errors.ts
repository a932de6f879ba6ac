/** Errors of the publish-verification-event function; they share one base so callers can tell them from others. */
export class PublishVerificationEventError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An environment variable is missing or malformed; raised at cold start so a misconfiguration fails loudly. */
export class ConfigurationError extends PublishVerificationEventError {}

/** AppSync did not accept the mutation (HTTP error or GraphQL errors); the record is retried. */
export class PublishError extends PublishVerificationEventError {}
