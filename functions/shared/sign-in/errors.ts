/**
 * Errors the triggers throw on purpose. Cognito turns a trigger's error into `UserLambdaValidationException`
 * "<Trigger> failed with error <message>." (so a message ends without a period), so the message is what the user's client shows: it names the errorType
 * a client branches on (as the API's errors do), never the code, the session id or the address.
 */
export class SignInRefusedError extends Error {
  public readonly errorType: string;
  constructor(errorType: string, message: string) {
    super(`${errorType}: ${message}`);
    this.name = 'SignInRefusedError';
    this.errorType = errorType;
  }
}
