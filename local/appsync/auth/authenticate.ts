/**
 * Request-level authentication: decides the one auth mode of a request from its headers and checks it.
 * A SigV4 `Authorization` header means IAM; otherwise `x-api-key` (when the API has API_KEY) means API key; otherwise
 * an `Authorization` token goes to the token modes (OIDC, Cognito user pools, Lambda authorizer: token-auth.ts).
 */
import type { ApiConfig, AuthMode } from '../../stack-description.ts';
import type { Identity } from '../runtime/types.ts';
import { checkApiKey } from './api-key.ts';
import { verifiedSigner, type CredentialLookup } from './credential-store.ts';
import { iamIdentity } from './identity.ts';
import { parseSigV4Authorization, type SignedRequest } from './sigv4.ts';
import type { TokenAuthenticator } from './token-auth.ts';

/** AppSync's body for any request-level auth failure. */
export const NOT_AUTHORIZED_MESSAGE = 'You are not authorized to make this call.';
/** Decision (unconfirmed in the docs): the message for a known key past its expiry. */
export const API_KEY_EXPIRED_MESSAGE = 'API key has expired.';
/** Decision (unconfirmed in the docs): the message for a correctly signed JWT past `exp`, IatTTL or AuthTTL. */
const TOKEN_EXPIRED_MESSAGE = 'Token has expired.';

/** A request that passed authentication. */
export interface Authenticated {
  ok: true;
  mode: AuthMode;
  identity: Identity;
  /** `Type.field` keys a Lambda authorizer denied (those fields answer Unauthorized). */
  deniedFields?: ReadonlySet<string>;
}

/** A refused request: HTTP 401 with `message`. */
export interface Refused {
  ok: false;
  message: string;
}

/** What authentication needs to know besides the request. */
export interface AuthSettings {
  api: ApiConfig;
  /** The credentials SigV4 requests may be signed with, and the principal each signs as. */
  credentials: CredentialLookup;
  /**
   * Whether a signed `host` names this engine. Over HTTP the server has already checked the Host header; in the
   * real-time handshake and `start` the host is a value of the signed JSON, and a signature made for another host
   * must not be accepted here.
   */
  acceptsHost(host: string | undefined): boolean;
  region: string;
  /** Expiry (epoch s) for keys without one. */
  defaultKeyExpires: number;
  /** Verifies tokens of the OIDC, user pool and Lambda modes; absent: those modes are refused. */
  tokens?: TokenAuthenticator;
}

function enabledModes(api: ApiConfig): AuthMode[] {
  return [api.defaultAuth, ...api.additionalAuth];
}

/** Authenticates one HTTP request. */
export async function authenticate(
  request: SignedRequest,
  sourceIp: string,
  settings: AuthSettings,
  now: Date = new Date(),
): Promise<Authenticated | Refused> {
  const refused: Refused = { ok: false, message: NOT_AUTHORIZED_MESSAGE };
  const modes = enabledModes(settings.api);
  const authorization = request.headers.authorization;
  if (authorization && parseSigV4Authorization(authorization)) {
    if (!modes.includes('AWS_IAM') || !settings.acceptsHost(request.headers.host)) return refused;
    const signer = await verifiedSigner(request, settings.credentials, settings.region, now);
    return signer ? { ok: true, mode: 'AWS_IAM', identity: iamIdentity(signer.principal, sourceIp) } : refused;
  }
  const apiKey = request.headers['x-api-key'];
  if (apiKey !== undefined && modes.includes('API_KEY')) {
    const check = checkApiKey(settings.api.apiKeys, apiKey, Math.floor(now.getTime() / 1000), settings.defaultKeyExpires);
    if (check === 'valid') return { ok: true, mode: 'API_KEY', identity: null };
    return check === 'expired' ? { ok: false, message: API_KEY_EXPIRED_MESSAGE } : refused;
  }
  if (authorization && settings.tokens) {
    const outcome = await settings.tokens.authenticate(settings.api, modes, { token: authorization, headers: request.headers, body: request.body, sourceIp }, now);
    if (outcome.ok) return { ok: true, mode: outcome.mode, identity: outcome.identity, ...(outcome.deniedFields ? { deniedFields: outcome.deniedFields } : {}) };
    return outcome.reason === 'expired' ? { ok: false, message: TOKEN_EXPIRED_MESSAGE } : refused;
  }
  return refused;
}
