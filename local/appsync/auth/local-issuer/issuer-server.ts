/**
 * A local OpenID Connect issuer for tests and local development: serves its discovery document
 * (`/.well-known/openid-configuration`) and JWKS (`/.well-known/jwks.json`) on a loopback port, and mints tokens —
 * in process through `mintToken()`, or over HTTP with `POST /token` (JSON claims in, `{ "id_token": … }` out).
 *
 * Point an API at it through its OIDC `Issuer` (the issuer's own URL by default), or give it another issuer name —
 * e.g. a user pool's `https://cognito-idp.<region>.amazonaws.com/<poolId>` — and map that name to {@link
 * LocalOidcIssuer.url} with the engine's `issuerOverrides`.
 *
 * Anyone who can reach it can mint any token: it listens on 127.0.0.1 only, answers only requests whose Host names
 * it (as the engine does, against DNS rebinding) and `POST /token` only with a JSON content type (so a cross-site form
 * cannot post to it without a CORS preflight, which it never grants).
 *
 * @example
 * const issuer = await startLocalOidcIssuer();
 * const engine = await startAppSyncServer({ api, ... }); // api.authProviders: [{ type: 'OPENID_CONNECT', issuer: issuer.issuer }]
 * const token = await issuer.mintToken({ sub: 'alice' });
 * await fetch(engine.graphqlUrl, { method: 'POST', headers: { authorization: token }, body });
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHostCheck } from '../../http/own-host.ts';
import { readBody } from '../../http/read-body.ts';
import { createTokenMinter, LOCAL_ISSUER_ALGORITHM, type MintClaims, type TokenMinter } from './token-minter.ts';
import { listen } from '../../../util/listen.ts';

/** How to start a local issuer. */
export interface LocalOidcIssuerOptions {
  /** The `iss` of its tokens and the `issuer` of its discovery document. @default its own URL, `http://127.0.0.1:<port>` */
  issuer?: string;
  /** `aud` of minted tokens unless the claims set one. @default 'local-client' */
  clientId?: string;
  /** The key id published in the JWKS and set in token headers. @default random */
  kid?: string;
  /** 0 or absent: a free port. */
  port?: number;
}

/** A running local issuer. */
export interface LocalOidcIssuer {
  /** Where it listens, `http://127.0.0.1:<port>` (the value for `issuerOverrides`). */
  url: string;
  /** The issuer name its tokens carry. */
  issuer: string;
  /** Signs a token: `claims` over the defaults `iss`, `sub`, `aud`, `iat`, `auth_time`, `exp` (now + 1 h). */
  mintToken(claims?: MintClaims): Promise<string>;
  stop(): Promise<void>;
}

const MAX_TOKEN_REQUEST_BYTES = 64 * 1024;

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

/** Claims posted to `/token`: a JSON object, or null when the body is anything else. */
function parseClaims(text: string): MintClaims | null {
  try {
    const parsed: unknown = text.trim() === '' ? {} : JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as MintClaims) : null;
  } catch {
    return null;
  }
}

/** Starts the issuer on 127.0.0.1 and resolves once it listens. */
export async function startLocalOidcIssuer(options: LocalOidcIssuerOptions = {}): Promise<LocalOidcIssuer> {
  const host = '127.0.0.1';
  // The issuer name may depend on the port: set once listening; until then every request is refused.
  const state: { acceptsHost: (value: string | undefined) => boolean; url: string; issuer: string; minter?: TokenMinter } = {
    acceptsHost: () => false,
    url: '',
    issuer: '',
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { url, issuer, minter } = state;
    if (!state.acceptsHost(request.headers.host) || !minter) {
      sendJson(response, 403, { error: 'forbidden_host' });
      return;
    }
    const path = new URL(request.url ?? '/', 'http://local').pathname;
    if (request.method === 'GET' && path === '/.well-known/openid-configuration') {
      sendJson(response, 200, {
        issuer,
        jwks_uri: `${url}/.well-known/jwks.json`,
        token_endpoint: `${url}/token`,
        response_types_supported: ['id_token'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: [LOCAL_ISSUER_ALGORITHM],
      });
      return;
    }
    if (request.method === 'GET' && path === '/.well-known/jwks.json') {
      sendJson(response, 200, minter.jwks);
      return;
    }
    if (request.method === 'POST' && path === '/token') {
      if (!String(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
        sendJson(response, 415, { error: 'invalid_request', error_description: 'POST /token takes a JSON object of claims' });
        return;
      }
      const body = await readBody(request, MAX_TOKEN_REQUEST_BYTES);
      const claims = body === 'too-large' ? null : parseClaims(body);
      if (!claims) {
        sendJson(response, 400, { error: 'invalid_request', error_description: 'POST /token takes a JSON object of claims' });
        return;
      }
      sendJson(response, 200, { id_token: await minter.mint(claims), token_type: 'JWT' });
      return;
    }
    sendJson(response, 404, { error: 'not_found' });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) sendJson(response, 500, { error: 'server_error' });
    });
  });
  const port = await listen(server, options.port ?? 0, host);
  const url = `http://${host}:${port}`;
  const issuer = options.issuer ?? url;
  const minter = await createTokenMinter({ issuer, ...(options.clientId ? { clientId: options.clientId } : {}) }, options.kid);
  Object.assign(state, { url, issuer, minter, acceptsHost: createHostCheck(host, port) });

  return {
    url,
    issuer,
    mintToken: (claims) => minter.mint(claims),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
