/**
 * verifyOtp's tokens against the shared local stack, checked the way a relying party's backend checks them: `jose`'s
 * createRemoteJWKSet on the stack's JWKS URL and jwtVerify with the issuer (the GraphQL URL) and its audience.
 * Forged, tampered, expired and misdirected tokens are refused; every answer but VERIFIED has no token.
 */
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import { GenerateOtpDocument, VerifyOtpDocument } from '../infra/documents/generated/graphql.ts';
import { POLICY_DEFAULTS } from '../infra/model/index.ts';
import { graphql, type Auth } from './support/graphql-client.ts';
import { codeIn, uniqueEmail, waitForEmail } from './support/inbox.ts';
import { sharedEndpoints } from './support/shared-stack.ts';

const endpoints = await sharedEndpoints();
const iam = { iam: endpoints.iam, region: endpoints.region };
const jwks = createRemoteJWKSet(new URL(endpoints.jwksUrl));
/** What a relying party that is the service's default audience passes to jwtVerify. */
const expected = { issuer: endpoints.graphqlUrl, audience: endpoints.outputs.DefaultAudience!, algorithms: ['ES256'] };

const wrongCodeFor = (code: string) => String((Number(code) + 1) % 10 ** code.length).padStart(code.length, '0');

async function newSession(label: string, audience?: string, auth?: Auth): Promise<{ email: string; sessionId: string; code: string }> {
  const email = uniqueEmail(label);
  const answer = await graphql(endpoints, GenerateOtpDocument, { email, ...(audience ? { audience } : {}) }, auth);
  const sessionId = answer.body.data?.generateOtp?.sessionId;
  if (!sessionId) throw new Error(`generateOtp failed: ${JSON.stringify(answer.body)}`);
  return { email, sessionId, code: codeIn(await waitForEmail(endpoints, email)) };
}

const verify = (sessionId: string, code: string) => graphql(endpoints, VerifyOtpDocument, { sessionId, code });

/** A verified session's token. */
async function verifiedToken(label: string): Promise<{ token: string; email: string; sessionId: string }> {
  const session = await newSession(label);
  const answer = (await verify(session.sessionId, session.code)).body;
  expect(answer.errors).toBeUndefined();
  expect(answer.data?.verifyOtp).toMatchObject({ verified: true, status: 'VERIFIED' });
  return { token: answer.data!.verifyOtp.token!, ...session };
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

describe('the verification token', () => {
  it("verifies against the JWKS with the GraphQL URL as issuer and the session's audience, and says who verified what", async () => {
    const before = Math.floor(Date.now() / 1000);
    const { token, email, sessionId } = await verifiedToken('token-claims');
    const { payload, protectedHeader } = await jwtVerify(token, jwks, expected);
    const keys = (await (await fetch(endpoints.jwksUrl)).json()) as { keys: { kid: string }[] };
    expect(protectedHeader).toEqual({ alg: 'ES256', typ: 'JWT', kid: keys.keys[0]!.kid });
    expect(payload).toEqual({
      iss: endpoints.graphqlUrl,
      sub: email,
      email,
      sid: sessionId,
      aud: expected.audience,
      iat: expect.any(Number),
      exp: expect.any(Number),
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    } satisfies Record<keyof JWTPayload | 'email' | 'sid', unknown>);
    expect(payload.iat).toBeGreaterThanOrEqual(before - 1);
    expect(payload.iat).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 1);
    expect(payload.exp! - payload.iat!).toBe(POLICY_DEFAULTS.tokenLifetimeSeconds);
  });

  it('carries the audience the session was started for, and a relying party of another audience refuses it', async () => {
    // IAM callers may bind a session to any audience (API-key callers only to allowed ones: test/audience.test.ts).
    const session = await newSession('token-audience', 'https://shop.example', iam);
    const token = (await verify(session.sessionId, session.code)).body.data!.verifyOtp.token!;
    const { payload } = await jwtVerify(token, jwks, { ...expected, audience: 'https://shop.example' });
    expect(payload.aud).toBe('https://shop.example');
    await expect(jwtVerify(token, jwks, expected)).rejects.toBeInstanceOf(errors.JWTClaimValidationFailed);
    await expect(jwtVerify(token, jwks, { ...expected, audience: 'https://shop.example', issuer: 'https://other.example/graphql' })).rejects.toThrow(
      /"iss" claim/,
    );
  });

  it('is refused once expired', async () => {
    const { token } = await verifiedToken('token-expiry');
    const { payload } = await jwtVerify(token, jwks, expected);
    await expect(jwtVerify(token, jwks, { ...expected, currentDate: new Date((payload.exp! + 1) * 1000) })).rejects.toBeInstanceOf(errors.JWTExpired);
  });

  it('is refused when its payload is changed, or when another key signed it (same kid, or a kid the JWKS lacks)', async () => {
    const { token } = await verifiedToken('token-forgery');
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const tampered = `${header}.${base64url(JSON.stringify({ ...claims, email: 'eve@example.com', sub: 'eve@example.com' }))}.${signature}`;
    await expect(jwtVerify(tampered, jwks, expected)).rejects.toBeInstanceOf(errors.JWSSignatureVerificationFailed);

    const attacker = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const forge = (kid: string) => {
      const input = `${base64url(JSON.stringify({ ...decodeProtectedHeader(token), kid }))}.${payload}`;
      return `${input}.${base64url(sign('sha256', Buffer.from(input), { key: attacker.privateKey, dsaEncoding: 'ieee-p1363' }))}`;
    };
    await expect(jwtVerify(forge(decodeProtectedHeader(token).kid!), jwks, expected)).rejects.toBeInstanceOf(errors.JWSSignatureVerificationFailed);
    await expect(jwtVerify(forge(randomUUID()), jwks, expected)).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
  });

  it('is null for every answer but VERIFIED: INVALID_CODE, LOCKED, ALREADY_USED, EXPIRED', async () => {
    const { sessionId, code } = await newSession('token-none');
    const wrong = wrongCodeFor(code);
    const invalid = (await verify(sessionId, wrong)).body.data?.verifyOtp;
    expect(invalid).toMatchObject({ status: 'INVALID_CODE', token: null });
    for (let attempt = 1; attempt < POLICY_DEFAULTS.maxAttempts; attempt += 1) await verify(sessionId, wrong);
    expect((await verify(sessionId, code)).body.data?.verifyOtp).toMatchObject({ status: 'LOCKED', token: null });

    const used = await newSession('token-used');
    expect((await verify(used.sessionId, used.code)).body.data?.verifyOtp.token).toEqual(expect.any(String));
    expect((await verify(used.sessionId, used.code)).body.data?.verifyOtp).toMatchObject({ status: 'ALREADY_USED', token: null });

    expect((await verify(randomUUID(), '123456')).body.data?.verifyOtp).toMatchObject({ status: 'EXPIRED', token: null });
  });
});

describe('the JWKS', () => {
  it('is public and cacheable, holds only public keys, and lets browsers read it', async () => {
    const response = await fetch(endpoints.jwksUrl, { headers: { origin: 'https://shop.example' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/jwk-set+json');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const { keys } = (await response.json()) as { keys: Record<string, string>[] };
    expect(keys).toEqual([{ kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String), kid: expect.any(String), use: 'sig', alg: 'ES256' }]);
    expect(keys[0]).not.toHaveProperty('d');
    expect(endpoints.jwksUrl).toBe(endpoints.outputs.JwksUrl);
  });

  it('answers GET only', async () => {
    expect((await fetch(endpoints.jwksUrl, { method: 'POST', body: '{}' })).status).toBe(405);
  });
});
