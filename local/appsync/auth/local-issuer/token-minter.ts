/**
 * Signing keys and token minting of the local OIDC issuer, with jose: one RS256 key pair per issuer, its public half
 * published as the JWKS, tokens signed with the private half. Test and development tool: tokens say whatever the
 * caller asks, so the issuer must never be one a deployed API trusts.
 */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';

/** The algorithm the local issuer signs with (what OIDC providers and Cognito use). */
export const LOCAL_ISSUER_ALGORITHM = 'RS256';

/** Claims of a minted token; `exp`, `iat` and `auth_time` default to now + 1 h, now and now. */
export type MintClaims = JWTPayload & Record<string, unknown>;

/** An issuer's key pair and the means to sign with it. */
export interface TokenMinter {
  /** The public key set (`{ keys: [jwk] }`) the issuer publishes. */
  readonly jwks: { keys: JWK[] };
  /** Signs `claims` (merged over the defaults `iss`, `sub`, `aud`, `iat`, `auth_time`, `exp`) into a JWT. */
  mint(claims?: MintClaims): Promise<string>;
}

/** Defaults of every token an issuer mints. */
export interface MintDefaults {
  issuer: string;
  /** `aud` of minted tokens unless the claims set one. @default 'local-client' */
  clientId?: string;
  /** `sub` unless the claims set one. @default 'local-user' */
  subject?: string;
}

/** Creates a fresh key pair (`kid` random unless given) and a minter for `defaults.issuer`. */
export async function createTokenMinter(defaults: MintDefaults, kid: string = randomUUID()): Promise<TokenMinter> {
  const { publicKey, privateKey } = await generateKeyPair(LOCAL_ISSUER_ALGORITHM, { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: LOCAL_ISSUER_ALGORITHM, use: 'sig' };
  return {
    jwks: { keys: [jwk] },
    async mint(claims = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload: JWTPayload = {
        iss: defaults.issuer,
        sub: defaults.subject ?? 'local-user',
        aud: defaults.clientId ?? 'local-client',
        iat: now,
        auth_time: now,
        exp: now + 3600,
        ...claims,
      };
      return new SignJWT(payload).setProtectedHeader({ alg: LOCAL_ISSUER_ALGORITHM, kid, typ: 'JWT' }).sign(privateKey);
    },
  };
}
