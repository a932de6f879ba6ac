/**
 * The token modes (OPENID_CONNECT, AMAZON_COGNITO_USER_POOLS, AWS_LAMBDA) for a request whose `Authorization` header
 * is not a SigV4 signature. AppSync's order, as its docs describe the modes together: a JWT whose `iss` names one of
 * the API's OIDC providers or user pools is decided by that provider alone (an OIDC or user pool token cannot be used
 * as a Lambda authorization token); any other token goes to the Lambda authorizer when the API has one.
 */
import type { ApiConfig, AuthMode, AuthProviderConfig } from '../../stack-description.ts';
import type { Identity } from '../runtime/types.ts';
import { AuthorizerCache } from './authorizer-cache.ts';
import { deniedFieldKeys } from './authorizer-response.ts';
import { lambdaIdentity } from './identity.ts';
import { JwksSource, type IssuerOverrides } from './jwks-source.ts';
import { claimedIssuer } from './jwt-claims.ts';
import { runLambdaAuthorizer, type AuthorizerRequestContext } from './lambda-authorizer.ts';
import { verifyOidcToken, type TokenVerdict } from './oidc-auth.ts';
import { userPoolIssuer, verifyUserPoolToken } from './user-pool-auth.ts';

/** The local account id (the engine's ARNs use it). */
const LOCAL_ACCOUNT_ID = '000000000000';

/** A token mode's outcome for a request. */
export type TokenAuthOutcome =
  | { ok: true; mode: AuthMode; identity: Identity; deniedFields?: ReadonlySet<string> }
  | { ok: false; reason: 'expired' | 'invalid' };

/** The parts of a request the token modes look at. */
export interface TokenRequest {
  token: string;
  /** Lower-cased request headers (the authorizer receives them as `requestHeaders`). */
  headers: Record<string, string>;
  /** The request body: the GraphQL request whose query the authorizer is told about. */
  body: string;
  sourceIp: string;
}

/** Options of the token modes (engine options). */
export interface TokenAuthOptions {
  /** Issuer URL → local base URL serving its discovery document (e.g. a Cognito pool's issuer → a local issuer). */
  issuerOverrides?: IssuerOverrides;
  /** How long a Lambda authorizer may take (AppSync: 10 s). */
  lambdaAuthorizerTimeoutMs?: number;
}

/** The GraphQL request in a body, for the authorizer's requestContext (empty parts when the body is not one). */
function requestContextOf(body: string, apiId: string): AuthorizerRequestContext {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = null;
  }
  const request = (parsed !== null && typeof parsed === 'object' ? parsed : {}) as Record<string, unknown>;
  const variables = request.variables;
  return {
    apiId,
    accountId: LOCAL_ACCOUNT_ID,
    queryString: typeof request.query === 'string' ? request.query : '',
    operationName: typeof request.operationName === 'string' ? request.operationName : null,
    variables: variables !== null && typeof variables === 'object' && !Array.isArray(variables) ? (variables as Record<string, unknown>) : {},
  };
}

/** Verifies tokens for the engine; holds the key sets and the authorizer cache across requests and reloads. */
export class TokenAuthenticator {
  private readonly jwks: JwksSource;
  private readonly cache = new AuthorizerCache();

  constructor(private readonly options: TokenAuthOptions = {}) {
    this.jwks = new JwksSource(options.issuerOverrides);
  }

  /** Authenticates `request` with the token providers of `api` that `enabled` allows. */
  async authenticate(api: ApiConfig, enabled: readonly AuthMode[], request: TokenRequest, now: Date): Promise<TokenAuthOutcome> {
    const providers = (api.authProviders ?? []).filter((provider) => enabled.includes(provider.type));
    const issuer = claimedIssuer(request.token);
    if (issuer !== null) {
      const jwtProvider = providers.find((provider) => issuerOf(provider) === issuer);
      if (jwtProvider) return this.verifyJwtProvider(jwtProvider, issuer, request, now);
    }
    const authorizer = providers.find((provider) => provider.type === 'AWS_LAMBDA');
    if (!authorizer) return { ok: false, reason: 'invalid' };
    const response = await runLambdaAuthorizer(
      authorizer,
      request.token,
      { context: requestContextOf(request.body, api.logicalId), headers: request.headers },
      {
        cache: this.cache,
        ...(this.options.lambdaAuthorizerTimeoutMs !== undefined ? { timeoutMs: this.options.lambdaAuthorizerTimeoutMs } : {}),
      },
      now.getTime(),
    );
    if (!response?.isAuthorized) return { ok: false, reason: 'invalid' };
    return {
      ok: true,
      mode: 'AWS_LAMBDA',
      identity: lambdaIdentity(response.resolverContext),
      deniedFields: deniedFieldKeys(response.deniedFields, api.logicalId),
    };
  }

  private async verifyJwtProvider(provider: AuthProviderConfig, issuer: string, request: TokenRequest, now: Date): Promise<TokenAuthOutcome> {
    const keys = this.jwks.keysFor(issuer);
    let verdict: TokenVerdict;
    if (provider.type === 'OPENID_CONNECT') verdict = await verifyOidcToken(request.token, provider, keys, now);
    else if (provider.type === 'AMAZON_COGNITO_USER_POOLS') verdict = await verifyUserPoolToken(request.token, provider, keys, request.sourceIp, now);
    else return { ok: false, reason: 'invalid' };
    return verdict.ok ? { ok: true, mode: provider.type, identity: verdict.identity } : verdict;
  }
}

/** The issuer a JWT provider's tokens carry; null for the Lambda authorizer. */
function issuerOf(provider: AuthProviderConfig): string | null {
  if (provider.type === 'OPENID_CONNECT') return provider.issuer;
  if (provider.type === 'AMAZON_COGNITO_USER_POOLS') return userPoolIssuer(provider);
  return null;
}
