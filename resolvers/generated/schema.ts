export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  AWSDate: { input: string; output: string; }
  AWSDateTime: { input: string; output: string; }
  AWSEmail: { input: string; output: string; }
  AWSIPAddress: { input: string; output: string; }
  AWSJSON: { input: string; output: string; }
  AWSPhone: { input: string; output: string; }
  AWSTime: { input: string; output: string; }
  AWSTimestamp: { input: number; output: number; }
  AWSURL: { input: string; output: string; }
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Use up a verified session, exactly once: VERIFIED becomes CONSUMED. Backend services only (IAM). Refused with
   * errorType AlreadyConsumed (consumed before), VerificationExpired (verified, but past its retention) or NotVerified
   * (pending, locked, expired or unknown), changing nothing.
   */
  consumeVerification: Maybe<Verification>;
  /**
   * Start a verification: an email with a one-time code is sent to this address. API-key and IAM callers must give
   * `email` (BadRequest without it). A user signed in to the API's user pool (step-up) calls it with their ID token and
   * gets the code at the token's `email`, with or without the argument; naming another mailbox is Unauthorized, an
   * access token (no email claim) BadRequest, and nothing is written or sent. Only that user can verify the session,
   * and its token and verification carry their `sub`. `audience` names who the
   * verification is for (default: the API's own audience); API-key callers may only name the default or an audience
   * the service allows, IAM callers any (1 to 256 printable characters). `locale` (a BCP 47 tag such as `de-AT`) picks
   * the email's language: the tag, then its shorter prefixes, then English (supported: en, de, es, fr); a malformed
   * tag is refused with errorType BadRequest.
   */
  generateOtp: OtpSession;
  /**
   * Start a verification by SMS: a text with a one-time code is sent to this number, with the same policy as
   * generateOtp (attempts, expiry, send limits and failure budget per number). The number must be in international
   * form (`+` and the country calling code; spaces, dashes, dots and parentheses are ignored): a malformed one is
   * refused with errorType BadRequest, one outside the service's allowed countries (or not a mobile number of one)
   * with UnsupportedDestination; nothing is sent then. `locale` and `audience` as for generateOtp.
   */
  generateSmsOtp: OtpSession;
  /**
   * Announce that a session was verified, to onOtpVerified subscribers. Called by the service's own stream-triggered
   * publisher (IAM) with exactly one of `email` (an email session) and `phoneNumber` (an SMS session, E.164); answers
   * the session as stored, refused with BadRequest unless it was verified with that address or number.
   */
  publishOtpVerified: Maybe<OtpVerifiedEvent>;
  /**
   * Check a code against a session. Each wrong code uses up an attempt; a session verifies at most once. A session a
   * signed-in user started (step-up) takes attempts only from that user: anyone else is answered as if the code were
   * wrong, and nothing changes.
   */
  verifyOtp: VerifyOtpResult;
};


export type MutationConsumeVerificationArgs = {
  sessionId: Scalars['ID']['input'];
};


export type MutationGenerateOtpArgs = {
  audience?: InputMaybe<Scalars['String']['input']>;
  email?: InputMaybe<Scalars['AWSEmail']['input']>;
  locale?: InputMaybe<Scalars['String']['input']>;
};


export type MutationGenerateSmsOtpArgs = {
  audience?: InputMaybe<Scalars['String']['input']>;
  locale?: InputMaybe<Scalars['String']['input']>;
  phoneNumber: Scalars['AWSPhone']['input'];
};


export type MutationPublishOtpVerifiedArgs = {
  email?: InputMaybe<Scalars['AWSEmail']['input']>;
  phoneNumber?: InputMaybe<Scalars['AWSPhone']['input']>;
  sessionId: Scalars['ID']['input'];
  verifiedAt: Scalars['AWSDateTime']['input'];
};


export type MutationVerifyOtpArgs = {
  code: Scalars['String']['input'];
  sessionId: Scalars['ID']['input'];
};

export type OtpSession = {
  __typename?: 'OtpSession';
  /** When the code stops being accepted. */
  expiresAt: Scalars['AWSDateTime']['output'];
  /** The earliest time another code may be requested for this address (resend cooldown). */
  resendAvailableAt: Scalars['AWSDateTime']['output'];
  sessionId: Scalars['ID']['output'];
};

/** A session was verified. Delivered at least once per verification. */
export type OtpVerifiedEvent = {
  __typename?: 'OtpVerifiedEvent';
  /** The address an email session verified; null for an SMS session. */
  email: Maybe<Scalars['AWSEmail']['output']>;
  /** The number (E.164) an SMS session verified; null for an email session. */
  phoneNumber: Maybe<Scalars['AWSPhone']['output']>;
  sessionId: Scalars['ID']['output'];
  verifiedAt: Scalars['AWSDateTime']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Look up a session's verification state. Backend services only (IAM). */
  verification: Maybe<Verification>;
};


export type QueryVerificationArgs = {
  sessionId: Scalars['ID']['input'];
};

export type SessionState =
  /** Verified, then used up by consumeVerification. */
  | 'CONSUMED'
  | 'EXPIRED'
  | 'LOCKED'
  | 'PENDING'
  | 'VERIFIED';

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Sessions verified from now on, email and SMS; only those of this (normalized, lower-case) address when email is
   * given, of this E.164 number (e.g. +447400123456) when phoneNumber is given.
   */
  onOtpVerified: Maybe<OtpVerifiedEvent>;
};


export type SubscriptionOnOtpVerifiedArgs = {
  email?: InputMaybe<Scalars['AWSEmail']['input']>;
  phoneNumber?: InputMaybe<Scalars['AWSPhone']['input']>;
};

export type Verification = {
  __typename?: 'Verification';
  /** Who the verification is for (generateOtp's audience, or the default); null for sessions older than audiences. */
  audience: Maybe<Scalars['String']['output']>;
  /** When consumeVerification used the session up. */
  consumedAt: Maybe<Scalars['AWSDateTime']['output']>;
  /** The address an email session proved (null for an SMS session). */
  email: Maybe<Scalars['AWSEmail']['output']>;
  /** The E.164 number an SMS session proved (null for an email session). */
  phoneNumber: Maybe<Scalars['AWSPhone']['output']>;
  sessionId: Scalars['ID']['output'];
  state: SessionState;
  /** The Cognito user (sub) who started a step-up session, the only one who may verify it; null for other sessions. */
  userSub: Maybe<Scalars['String']['output']>;
  verifiedAt: Maybe<Scalars['AWSDateTime']['output']>;
};

export type VerificationStatus =
  | 'ALREADY_USED'
  | 'EXPIRED'
  | 'INVALID_CODE'
  | 'LOCKED'
  | 'VERIFIED';

export type VerifyOtpResult = {
  __typename?: 'VerifyOtpResult';
  attemptsRemaining: Scalars['Int']['output'];
  status: VerificationStatus;
  /**
   * A signed verification token (compact JWS, ES256, a JWT) for a relying party's backend to verify against the
   * service's JWKS: claims iss, sub, email, sid, aud, iat, exp, jti (`sub` is the email, or for a step-up session the
   * user's Cognito `sub`). Null unless status is VERIFIED; also null, with an
   * error of errorType TokenUnavailable beside the answer, when it could not be signed.
   */
  token: Maybe<Scalars['String']['output']>;
  verified: Scalars['Boolean']['output'];
};
