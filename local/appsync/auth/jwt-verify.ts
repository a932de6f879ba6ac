/**
 * Signature and time checks of a JWT from an OIDC issuer or a Cognito user pool, with jose: the signature against the
 * issuer's keys (asymmetric algorithms only, so `alg: none` and HMAC tokens signed with a public key never pass),
 * `iss` exactly the expected issuer, `exp` present and in the future, `nbf` if present. No clock tolerance.
 */
import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/** The signature algorithms accepted: RSA, RSA-PSS and ECDSA (what OIDC providers and Cognito sign with). */
const ACCEPTED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];

/** A verified token's claims, or why it was refused (never shown in full to the caller). */
export type JwtCheck = { ok: true; claims: JWTPayload } | { ok: false; reason: 'expired' | 'invalid' };

/** Verifies `token` as issued by `issuer` at `now`. Never throws. */
export async function verifyJwt(token: string, issuer: string, keys: JWTVerifyGetKey, now: Date): Promise<JwtCheck> {
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer,
      algorithms: ACCEPTED_ALGORITHMS,
      requiredClaims: ['exp'],
      currentDate: now,
    });
    return { ok: true, claims: payload };
  } catch (error) {
    return { ok: false, reason: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
  }
}
