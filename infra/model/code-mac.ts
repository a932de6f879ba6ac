/**
 * The MAC a code is stored as: AWS KMS GenerateMac under the service's HMAC_256 key, over the session id followed by
 * the code. The email function makes it, verifyOtp checks it with KMS VerifyMac; the key never leaves KMS. One
 * definition for both (plain literals and a pure function: it is bundled into APPSYNC_JS too).
 */

/** KMS's MacAlgorithm for the code MAC key (KeySpec HMAC_256). */
export const CODE_MAC_ALGORITHM = 'HMAC_SHA_256';

/** The email function's environment variable holding the ARN of the key new codes are MAC'd with. */
export const CODE_MAC_KEY_VARIABLE = 'OTP_CODE_MAC_KEY_ARN';

/**
 * The text whose UTF-8 bytes are MAC'd: the session id (a UUID, fixed length) and then the code, so a MAC binds the
 * code to its session and a stored MAC is worthless for any other session.
 *
 * @example codeMacMessage('6f1c0000-0000-4000-8000-000000000000', '042917') // '6f1c…0000042917'
 */
export function codeMacMessage(sessionId: string, code: string): string {
  return sessionId + code;
}
