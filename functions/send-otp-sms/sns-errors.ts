/**
 * SNS Publish errors that are permanent for the text at hand (every retry within the code's lifetime gets the same
 * answer), so the session is marked undeliverable instead of being retried into the dead-letter queue:
 * - `InvalidParameter` / `InvalidParameterException`: the number is not valid to publish to (SNS's text:
 *   "Invalid parameter: PhoneNumber Reason: … is not valid to publish to");
 * - `ParameterValueInvalid` / `InvalidParameterValueException`: a message attribute SNS refuses for this destination.
 * Everything else (Throttled, InternalError, KMS errors of the account, AuthorizationError, network) is transient or
 * deployment-wide and must reach the DLQ alarm rather than be written off session by session.
 */
export const PERMANENT_SNS_ERROR_NAMES: ReadonlySet<string> = new Set([
  'InvalidParameter',
  'InvalidParameterException',
  'ParameterValueInvalid',
  'InvalidParameterValueException',
]);

/** Whether an SNS error (after the client's retries) is permanent for this text. */
export function isPermanentSnsError(error: unknown): boolean {
  return error instanceof Error && PERMANENT_SNS_ERROR_NAMES.has(error.name);
}
