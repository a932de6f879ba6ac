/** Errors of the serve-jwks function; they share one base so callers can tell them from others. */
export class ServeJwksError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An environment variable is missing or malformed; raised at cold start so a misconfiguration fails loudly. */
export class ConfigurationError extends ServeJwksError {}

/** KMS did not give a usable public key for a key the JWKS must hold. */
export class PublicKeyError extends ServeJwksError {}
