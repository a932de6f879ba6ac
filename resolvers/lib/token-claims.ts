/** The claims and header of a verification token (infra/model/token.ts), from a verified session. */
import { TOKEN_ALGORITHM, TOKEN_TYPE, type VerificationTokenClaims } from '../../infra/model/index.ts';
import type { JwsHeader } from './jws.ts';

/** What a token says, as the verifyOtp pipeline knows it. */
export interface TokenFacts {
  issuer: string;
  /** What the session proved: its email (trimmed and lower-cased when created) or its E.164 phone number. */
  destination: { email: string; phoneNumber?: undefined } | { email?: undefined; phoneNumber: string };
  /** A step-up session's user (its `userSub`, lib/caller.ts); absent for every other session. */
  userSub?: string;
  sessionId: string;
  audience: string;
  /** When the session was verified (the request's one clock reading). */
  nowSeconds: number;
  lifetimeSeconds: number;
  /** A fresh unique id (util.autoId()). */
  tokenId: string;
}

/** The header: ES256, a JWT, signed by the key `keyId`. */
export function tokenHeader(keyId: string): JwsHeader {
  return { alg: TOKEN_ALGORITHM, typ: TOKEN_TYPE, kid: keyId };
}

/**
 * The claims, registered ones first (RFC 7519 §4.1). `sub` is the email address or phone number: it identifies the
 * mailbox or phone that was proven, which is all this service knows of the person; `email` or `phone_number` says which.
 * A step-up session knows the person: `sub` is then the signed-in user's Cognito `sub` (the value of their ID token's
 * `sub`, so a relying party compares the two directly), and `email` still names the address that was proven. The
 * three kinds cannot collide: an address has an `@`, a number starts with `+`, a Cognito sub is a UUID.
 */
export function tokenClaims(facts: TokenFacts): VerificationTokenClaims {
  const { email, phoneNumber } = facts.destination;
  const subject = facts.userSub || (email ?? phoneNumber);
  return {
    iss: facts.issuer,
    sub: subject,
    aud: facts.audience,
    exp: facts.nowSeconds + facts.lifetimeSeconds,
    iat: facts.nowSeconds,
    jti: facts.tokenId,
    ...(email ? { email } : { phone_number: phoneNumber }),
    sid: facts.sessionId,
  };
}
