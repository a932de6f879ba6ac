/**
 * The pools the template declares run in the local Cognito (services/cognito-local/). A Cognito user pool an API
 * trusts that the template does not declare (an existing pool named by its id) has no local counterpart: it gets a
 * local token issuer named as the pool's issuer (`https://cognito-idp.<region>.amazonaws.com/<poolId>`), the engine
 * verifies tokens against its keys, and a developer mints tokens with the claims they need (`POST {tokenUrl}` with a
 * JSON object such as `{ "sub": "…", "cognito:username": "ada", "cognito:groups": ["admin"], "token_use": "id" }`).
 */
import type { ApiConfig } from './stack-description.ts';
import { startLocalOidcIssuer, type LocalOidcIssuer } from './appsync/auth/local-issuer/issuer-server.ts';

/** A started stand-in for one user pool. */
export interface UserPoolIssuer {
  userPoolId: string;
  /** The pool's issuer name, as its tokens carry it. */
  issuer: string;
  /** `POST` JSON claims here for `{ "id_token": … }`. */
  tokenUrl: string;
}

export interface UserPoolIssuers {
  pools: UserPoolIssuer[];
  /** Issuer name → local base URL, for the engine's `issuerOverrides`. */
  overrides: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts one issuer per user pool the APIs use, except the pools in `served` (ids of the pools the local Cognito
 * runs); none when there are no others.
 */
export async function startUserPoolIssuers(apis: readonly ApiConfig[], served: ReadonlySet<string> = new Set()): Promise<UserPoolIssuers> {
  const issuers = new Map<string, { userPoolId: string; issuer: string }>();
  for (const provider of apis.flatMap((api) => api.authProviders ?? [])) {
    if (provider.type !== 'AMAZON_COGNITO_USER_POOLS' || served.has(provider.userPoolId)) continue;
    const issuer = `https://cognito-idp.${provider.region}.amazonaws.com/${provider.userPoolId}`;
    issuers.set(issuer, { userPoolId: provider.userPoolId, issuer });
  }
  const started: { pool: { userPoolId: string; issuer: string }; server: LocalOidcIssuer }[] = [];
  const stop = async () => void (await Promise.all(started.map(({ server }) => server.stop())));
  try {
    for (const pool of issuers.values()) started.push({ pool, server: await startLocalOidcIssuer({ issuer: pool.issuer }) });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    pools: started.map(({ pool, server }) => ({ ...pool, tokenUrl: `${server.url}/token` })),
    overrides: Object.fromEntries(started.map(({ pool, server }) => [pool.issuer, server.url])),
    stop,
  };
}
