/**
 * The Cognito sign-in factor's part of the data model (README: "Sign-in with Cognito"): how a sign-in session is told
 * apart from a `generateOtp` session, the flows the construct allows, and the names the triggers and clients share.
 * Plain literals and pure functions: the resolvers (APPSYNC_JS) import it too.
 */

/**
 * The session attribute that marks a session started by the CreateAuthChallenge trigger, and its value. verifyOtp
 * and consumeVerification count, verify or consume only sessions without it, and the sign-in triggers only sessions
 * with it, so a code sent for a sign-in can never be used through the public API (nor the other way round).
 */
export const PURPOSE_ATTRIBUTE = 'purpose';
export const SIGN_IN_PURPOSE = 'COGNITO_SIGN_IN';

/** The audience prefix of sign-in sessions: `cognito:<app client id>`, the client the sign-in came through. */
export const SIGN_IN_AUDIENCE_PREFIX = 'cognito:';

/** The audience of a sign-in session started through app client `clientId`. */
export function signInAudience(clientId: string): string {
  return `${SIGN_IN_AUDIENCE_PREFIX}${clientId}`;
}

/**
 * Which custom-auth flows the pool's triggers accept:
 * - `passwordless`: `CUSTOM_AUTH` without SRP_A, the code is the only factor;
 * - `mfa`: `CUSTOM_AUTH` with SRP_A, the password first (Cognito's SRP), then the code;
 * - `either`: both; the client picks by sending SRP_A or not.
 */
export const SIGN_IN_FLOWS = ['passwordless', 'mfa', 'either'] as const;
export type SignInFlow = (typeof SIGN_IN_FLOWS)[number];

/** The triggers' environment variable holding the {@link SignInFlow}. */
export const SIGN_IN_FLOW_VARIABLE = 'OTP_SIGN_IN_FLOW';

/**
 * The custom challenge's public parameters (what the client's `customChallenge` callback receives), by name. No
 * destination, not even masked: the user typed it (email is the sign-in name), and for an address without an account
 * (existence errors prevented) Cognito does not hand the triggers the typed name, so a shown destination would tell
 * the two apart.
 */
export const SIGN_IN_CHALLENGE_PARAMETERS = {
  /** ISO-8601: when the code stops being accepted. */
  expiresAt: 'expiresAt',
  /** Digits in the code, to size the input. */
  codeLength: 'codeLength',
  /** Answers this sign-in may still give (a wrong code uses one). */
  attemptsRemaining: 'attemptsRemaining',
} as const;
