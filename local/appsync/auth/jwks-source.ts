/**
 * Where the signing keys of a token issuer come from: OIDC discovery (`<issuer>/.well-known/openid-configuration` →
 * `jwks_uri`), then the JWKS itself through jose's remote key set (cached, refetched when a token names an unknown
 * `kid`). `issuerOverrides` maps an issuer URL to the local base URL its discovery document is fetched from, so a
 * template's `https://cognito-idp.<region>.amazonaws.com/<poolId>` can be served by a local issuer.
 */
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

/** Issuer URL → base URL (no trailing slash needed) whose `/.well-known/openid-configuration` describes it. */
export type IssuerOverrides = Readonly<Record<string, string>>;

/** How long discovery and JWKS requests may take before the token is refused. */
const FETCH_TIMEOUT_MS = 5_000;

function discoveryUrl(base: string): string {
  return `${base.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/** Fetches and checks the discovery document; its `issuer` must be exactly the configured issuer (AppSync's rule). */
async function discoverJwksUri(issuer: string, overrides: IssuerOverrides): Promise<URL> {
  const response = await fetch(discoveryUrl(overrides[issuer] ?? issuer), {
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    redirect: 'error',
  });
  if (!response.ok) throw new Error(`OIDC discovery for ${issuer} answered HTTP ${response.status}`);
  const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  if (document.issuer !== issuer) throw new Error(`OIDC discovery for ${issuer} names another issuer`);
  if (typeof document.jwks_uri !== 'string') throw new Error(`OIDC discovery for ${issuer} has no jwks_uri`);
  return new URL(document.jwks_uri);
}

/** Key sets per issuer, discovered once; a failed discovery is forgotten so the next token retries it. */
export class JwksSource {
  private readonly keySets = new Map<string, Promise<JWTVerifyGetKey>>();

  constructor(private readonly overrides: IssuerOverrides = {}) {}

  /** The key lookup jose's jwtVerify uses for tokens of `issuer`. */
  keysFor(issuer: string): JWTVerifyGetKey {
    return async (header, token) => {
      const keys = await this.keySet(issuer);
      return keys(header, token);
    };
  }

  private keySet(issuer: string): Promise<JWTVerifyGetKey> {
    let keys = this.keySets.get(issuer);
    if (!keys) {
      keys = discoverJwksUri(issuer, this.overrides).then((uri) => createRemoteJWKSet(uri, { timeoutDuration: FETCH_TIMEOUT_MS }));
      keys.catch(() => this.keySets.delete(issuer));
      this.keySets.set(issuer, keys);
    }
    return keys;
  }
}
