import { decodeProtectedHeader, jwtVerify, createRemoteJWKSet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalOidcIssuer, type LocalOidcIssuer } from './issuer-server.ts';

let issuer: LocalOidcIssuer;
beforeAll(async () => {
  issuer = await startLocalOidcIssuer({ kid: 'dev-key' });
});
afterAll(async () => {
  await issuer?.stop();
});

describe('local OIDC issuer', () => {
  it('serves a discovery document naming itself and its JWKS', async () => {
    expect(issuer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(issuer.issuer).toBe(issuer.url);
    const discovery = (await (await fetch(`${issuer.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({ issuer: issuer.url, jwks_uri: `${issuer.url}/.well-known/jwks.json`, token_endpoint: `${issuer.url}/token` });
    const jwks = (await (await fetch(`${issuer.url}/.well-known/jwks.json`)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: 'RSA', kid: 'dev-key', alg: 'RS256', use: 'sig' })]);
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('mints tokens in process that verify against its JWKS, with defaults and overrides', async () => {
    const token = await issuer.mintToken({ sub: 'alice', groups: ['a'] });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', kid: 'dev-key', typ: 'JWT' });
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(`${issuer.url}/.well-known/jwks.json`)), { issuer: issuer.url });
    expect(payload).toMatchObject({ iss: issuer.url, sub: 'alice', aud: 'local-client', groups: ['a'] });
    expect(payload.exp! - payload.iat!).toBe(3600);
  });

  it('mints over HTTP with POST /token (JSON claims only)', async () => {
    const response = await fetch(`${issuer.url}/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"sub":"bob"}' });
    expect(response.status).toBe(200);
    const { id_token: token } = (await response.json()) as { id_token: string };
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(`${issuer.url}/.well-known/jwks.json`)));
    expect(payload.sub).toBe('bob');
    // A cross-site form post (no JSON content type) and non-object bodies are refused.
    const form = await fetch(`${issuer.url}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'sub=x' });
    expect(form.status).toBe(415);
    const list = await fetch(`${issuer.url}/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[1]' });
    expect(list.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers only requests whose Host names it (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${issuer.url}/.well-known/jwks.json`, { headers: { host: 'evil.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('can carry another issuer name (a user pool’s) for issuerOverrides', async () => {
    const pool = await startLocalOidcIssuer({ issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_X' });
    try {
      const discovery = (await (await fetch(`${pool.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
      expect(discovery.issuer).toBe('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_X');
      expect(discovery.jwks_uri).toBe(`${pool.url}/.well-known/jwks.json`);
    } finally {
      await pool.stop();
    }
  });
});
