/**
 * OIDC tokens against a real local issuer (discovery + JWKS over HTTP), and the attacks a verifier must refuse:
 * expiry, another issuer, another audience, `alg: none`, HMAC with the public key, another key (same and other
 * `kid`), a tampered payload, IatTTL and AuthTTL.
 */
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OidcProviderConfig } from '../../stack-description.ts';
import { JwksSource } from './jwks-source.ts';
import { startLocalOidcIssuer, type LocalOidcIssuer } from './local-issuer/issuer-server.ts';
import { verifyOidcToken } from './oidc-auth.ts';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

let issuer: LocalOidcIssuer;
/** Same issuer name and kid, another key: an attacker's issuer. */
let impostorSameKid: LocalOidcIssuer;
let impostorOtherKid: LocalOidcIssuer;
let provider: OidcProviderConfig;
let jwks: JwksSource;

beforeAll(async () => {
  issuer = await startLocalOidcIssuer({ kid: 'key-1', clientId: 'web' });
  impostorSameKid = await startLocalOidcIssuer({ issuer: issuer.issuer, kid: 'key-1', clientId: 'web' });
  impostorOtherKid = await startLocalOidcIssuer({ issuer: issuer.issuer, kid: 'key-2', clientId: 'web' });
  provider = { type: 'OPENID_CONNECT', issuer: issuer.issuer, clientId: 'web|mobile' };
  jwks = new JwksSource();
});
afterAll(async () => {
  await Promise.all([issuer?.stop(), impostorSameKid?.stop(), impostorOtherKid?.stop()]);
});

const verify = (token: string, config: OidcProviderConfig = provider, now = new Date()) =>
  verifyOidcToken(token, config, jwks.keysFor(config.issuer), now);

describe('OIDC token verification', () => {
  it('accepts a token of the issuer and reports { sub, issuer, claims }', async () => {
    const token = await issuer.mintToken({ sub: 'alice', email: 'alice@example.com' });
    const verdict = await verify(token);
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    expect(Object.keys(verdict.identity!).sort()).toEqual(['claims', 'issuer', 'sub']);
    expect(verdict.identity).toMatchObject({ sub: 'alice', issuer: issuer.issuer, claims: { sub: 'alice', email: 'alice@example.com', aud: 'web' } });
  });

  it('matches ClientId against aud (ID tokens) and client_id (access tokens)', async () => {
    expect((await verify(await issuer.mintToken({ aud: 'mobile' }))).ok).toBe(true);
    expect((await verify(await issuer.mintToken({ aud: undefined, client_id: 'mobile' }))).ok).toBe(true);
    expect(await verify(await issuer.mintToken({ aud: 'web-evil' }))).toEqual({ ok: false, reason: 'invalid' });
    expect(await verify(await issuer.mintToken({ aud: 'other', client_id: 'other' }))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses an expired token (exp) as expired, and one without exp', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    expect(await verify(await issuer.mintToken({ iat: past - 60, exp: past }))).toEqual({ ok: false, reason: 'expired' });
    expect(await verify(await issuer.mintToken({ exp: undefined }))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a token issued by another issuer name, even one that is reachable', async () => {
    const other = await startLocalOidcIssuer({ clientId: 'web' });
    try {
      expect(await verify(await other.mintToken())).toEqual({ ok: false, reason: 'invalid' });
      // Signed by our issuer's key but claiming another iss.
      expect(await verify(await issuer.mintToken({ iss: other.issuer }))).toEqual({ ok: false, reason: 'invalid' });
    } finally {
      await other.stop();
    }
  });

  it('refuses alg none, HMAC signed with the public key, another key and a tampered payload', async () => {
    const claims = { iss: issuer.issuer, sub: 'mallory', aud: 'web', exp: Math.floor(Date.now() / 1000) + 600 };
    expect(await verify(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`)).toEqual({ ok: false, reason: 'invalid' });

    const jwk = (await (await fetch(`${issuer.url}/.well-known/jwks.json`)).json()) as { keys: { n: string }[] };
    const hmac = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: 'key-1' }).sign(Buffer.from(JSON.stringify(jwk.keys[0])));
    expect(await verify(hmac)).toEqual({ ok: false, reason: 'invalid' });

    expect(await verify(await impostorSameKid.mintToken({ sub: 'mallory' }))).toEqual({ ok: false, reason: 'invalid' });
    expect(await verify(await impostorOtherKid.mintToken({ sub: 'mallory' }))).toEqual({ ok: false, reason: 'invalid' });

    const [header, , signature] = (await issuer.mintToken({ sub: 'alice' })).split('.');
    const tampered = `${header}.${b64({ ...claims, sub: 'admin' })}.${signature}`;
    expect(await verify(tampered)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('applies IatTTL and AuthTTL (milliseconds)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const ttl = { ...provider, iatTtlMs: 60_000, authTtlMs: 120_000 };
    expect((await verify(await issuer.mintToken({ iat: now - 30, auth_time: now - 100 }), ttl)).ok).toBe(true);
    expect(await verify(await issuer.mintToken({ iat: now - 90 }), ttl)).toEqual({ ok: false, reason: 'expired' });
    expect(await verify(await issuer.mintToken({ auth_time: now - 200 }), ttl)).toEqual({ ok: false, reason: 'expired' });
    expect(await verify(await issuer.mintToken({ auth_time: undefined }), ttl)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses every token when discovery names another issuer than the configured one', async () => {
    // The configured Issuer is served by a document that names the issuer's real URL.
    const misnamed: OidcProviderConfig = { type: 'OPENID_CONNECT', issuer: 'https://idp.example.com' };
    const source = new JwksSource({ 'https://idp.example.com': issuer.url });
    const token = await issuer.mintToken({ iss: 'https://idp.example.com' });
    expect(await verifyOidcToken(token, misnamed, source.keysFor(misnamed.issuer), new Date())).toEqual({ ok: false, reason: 'invalid' });
  });
});
