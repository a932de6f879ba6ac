/**
 * The authorization headers of one request for the auth the developer picked: `x-api-key`, a SigV4 signature, or the
 * pasted token as `Authorization`. Every set names `host`, as AppSync's real-time messages need; HTTP drops it.
 */
import type { AuthMode } from '../../../stack-description.ts';
import type { ExplorerConfig } from '../explorer-config.ts';
import { signedHeaders } from './sign-request.ts';

/** The auth selector's state. */
export interface SelectedAuth {
  mode: AuthMode;
  /** The API key value (API_KEY). */
  apiKey: string;
  /** The pasted token (Cognito user pools, OIDC, Lambda). */
  token: string;
}

/** A POST the headers are for: `path` on the page's origin, `body` its exact text, `headers` sent with it. */
export interface AuthorizedRequest {
  path: string;
  body: string;
  headers: Record<string, string>;
}

/** Headers authorizing `request` with `auth`, plus `request.headers` and `host`. */
export async function authorizationHeaders(
  auth: SelectedAuth,
  config: ExplorerConfig,
  host: string,
  request: AuthorizedRequest,
): Promise<Record<string, string>> {
  const base = { ...request.headers, host };
  switch (auth.mode) {
    case 'API_KEY':
      return { ...base, 'x-api-key': auth.apiKey };
    case 'AWS_IAM':
      if (!config.iam) throw new Error('IAM is not available: the engine was started without local IAM credentials.');
      return signedHeaders(config.iam, config.region, { host, path: request.path, body: request.body, headers: request.headers });
    default:
      // AppSync takes Cognito/OIDC tokens and Lambda authorization tokens as the bare Authorization value.
      return { ...base, authorization: auth.token };
  }
}
