/**
 * Request-level authentication: decides the one auth mode of a request from its headers and checks it.
 * A SigV4 `Authorization` header means IAM; otherwise `x-api-key` means API key. Other modes (Cognito, OIDC,
 * Lambda) are not available locally and are refused.
 */
import type { ApiConfig, AuthMode } from '../../config.ts';
import type { Identity } from '../runtime/types.ts';
import { checkApiKey } from './api-key.ts';
import { iamIdentity } from './identity.ts';
import { parseSigV4Authorization, verifySigV4, type IamCredentials, type SignedRequest } from './sigv4.ts';

/** AppSync's body for any request-level auth failure. */
export const NOT_AUTHORIZED_MESSAGE = 'You are not authorized to make this call.';
/** Decision (unconfirmed in the docs): the message for a known key past its expiry. */
export const API_KEY_EXPIRED_MESSAGE = 'API key has expired.';

/** A request that passed authentication. */
export interface Authenticated {
  ok: true;
  mode: AuthMode;
  identity: Identity;
}

/** A refused request: HTTP 401 with `message`. */
export interface Refused {
  ok: false;
  message: string;
}

/** What authentication needs to know besides the request. */
export interface AuthSettings {
  api: ApiConfig;
  iamCredentials: IamCredentials;
  region: string;
  /** Expiry (epoch s) for keys without one. */
  defaultKeyExpires: number;
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
    if (!modes.includes('AWS_IAM')) return refused;
    const failure = await verifySigV4(request, settings.iamCredentials, settings.region, now);
    if (failure) return refused;
    const accessKeyId = parseSigV4Authorization(authorization)!.accessKeyId;
    return { ok: true, mode: 'AWS_IAM', identity: iamIdentity(accessKeyId, sourceIp) };
  }
  const apiKey = request.headers['x-api-key'];
  if (apiKey !== undefined && modes.includes('API_KEY')) {
    const check = checkApiKey(settings.api.apiKeys, apiKey, Math.floor(now.getTime() / 1000), settings.defaultKeyExpires);
    if (check === 'valid') return { ok: true, mode: 'API_KEY', identity: null };
    return check === 'expired' ? { ok: false, message: API_KEY_EXPIRED_MESSAGE } : refused;
  }
  return refused;
}
