/** The claims and header of a verification token (infra/model/token.ts), from a verified session. */
import { TOKEN_ALGORITHM, TOKEN_TYPE, type VerificationTokenClaims } from '../../infra/model/index.ts';
import type { JwsHeader } from './jws.ts';

/** What a token says, as the verifyOtp pipeline knows it. */
export interface TokenFacts {
  issuer: string;
  /** What the session proved: its email (trimmed and lower-cased when created) or its E.164 phone number. */
  destination: { email: string; phoneNumber?: undefined } | { email?: undefined; phoneNumber: string };
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
 */
export function tokenClaims(facts: TokenFacts): VerificationTokenClaims {
  const { email, phoneNumber } = facts.destination;
  const subject = email ?? phoneNumber;
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
