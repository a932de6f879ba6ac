/**
 * Verification tokens: what `verifyOtp` returns on VERIFIED, a compact JWS (RFC 7515) signed by a KMS key, and what a
 * relying party checks it with (the JWKS). One definition each for the construct, the resolvers (plain literals only:
 * they are bundled into APPSYNC_JS), the JWKS function and the tests.
 */

/** The JWS algorithm: ECDSA P-256 with SHA-256 (RFC 7518 §3.4), KMS's ECC_NIST_P256 key with ECDSA_SHA_256. */
export const TOKEN_ALGORITHM = 'ES256';
/** The JWS header's `typ`: a JWT (RFC 7519 §5.1). */
export const TOKEN_TYPE = 'JWT';
/** KMS's name of the signing algorithm that makes ES256 signatures. */
export const KMS_SIGNING_ALGORITHM = 'ECDSA_SHA_256';

/**
 * The AppSync environment variable holding the id of the KMS key that signs tokens. The id is also the token's
 * `kid` and the JWK's `kid` in the JWKS: the resolver knows it without calling KMS, and it names the key in KMS.
 */
export const TOKEN_KEY_ID_VARIABLE = 'OTP_TOKEN_KEY_ID';
/** The AppSync environment variable holding a token's lifetime in seconds (`exp - iat`). */
export const TOKEN_LIFETIME_VARIABLE = 'OTP_TOKEN_LIFETIME_SECONDS';

/**
 * The JWKS function's environment variable: the ids of the keys it publishes, comma-separated, the signing key first
 * and then the previous ones whose tokens may still be unexpired.
 */
export const JWKS_KEY_IDS_VARIABLE = 'JWKS_KEY_IDS';
/** Separates the key ids in {@link JWKS_KEY_IDS_VARIABLE}. */
export const JWKS_KEY_ID_SEPARATOR = ',';
/** How long a relying party (or a cache between) may keep the JWKS: `Cache-Control: public, max-age=…`. */
export const JWKS_MAX_AGE_SECONDS = 300;
/** The JWKS's media type (RFC 7517 §8.5.1). */
export const JWKS_CONTENT_TYPE = 'application/jwk-set+json';

/** The errorType added beside a VERIFIED answer whose token could not be signed (the token is then null). */
export const TOKEN_UNAVAILABLE_ERROR = 'TokenUnavailable';

/** The claims of a verification token. */
export interface VerificationTokenClaims {
  /** The API's GraphQL URL, as the client called it. */
  iss: string;
  /**
   * Who or what was proven: the normalized (trimmed, lower-case) email address, the E.164 phone number of an SMS
   * session, or, for a step-up session (a signed-in user's generateOtp), the user's Cognito `sub`, with `email` beside it.
   */
  sub: string;
  /** The relying party the session was started for (`generateOtp`'s audience, or the default). */
  aud: string;
  /** Epoch seconds. */
  exp: number;
  /** Epoch seconds: when the session was verified. */
  iat: number;
  /** Unique per token. */
  jti: string;
  /** An email session's address (absent for SMS sessions). */
  email?: string;
  /** An SMS session's E.164 number (OpenID Connect's standard claim name; absent for email sessions). */
  phone_number?: string;
  /** The session id: what `verification` and `consumeVerification` take. */
  sid: string;
}
