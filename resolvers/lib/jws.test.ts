import { generateKeyPairSync, sign } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { compactJws, encodeJsonPart, jwsSigningInput, signingInputMessage } from './jws.ts';
import { readKmsSignature } from './kms-sign.ts';
import { tokenClaims, tokenHeader } from './token-claims.ts';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

/** What KMS's Sign does with the message: hash the bytes and sign (DER), answered base64 in JSON. */
function kmsSign(message: string): { statusCode: number; body: string } {
  const signature = sign('sha256', Buffer.from(message, 'base64'), { key: privateKey, dsaEncoding: 'der' });
  return { statusCode: 200, body: JSON.stringify({ KeyId: 'arn:…', Signature: signature.toString('base64'), SigningAlgorithm: 'ECDSA_SHA_256' }) };
}

const NOW = 1_800_000_000;
const facts = {
  issuer: 'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql',
  destination: { email: 'ada@example.org' },
  sessionId: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
  audience: 'https://shop.example',
  nowSeconds: NOW,
  lifetimeSeconds: 300,
  tokenId: 'b1a2c3d4-0000-4000-8000-000000000000',
};

/** The whole path of the pipeline step, with Node standing in for KMS. */
function makeToken(claims: object, keyId = 'key-1'): string {
  const input = jwsSigningInput(tokenHeader(keyId), claims);
  const signed = readKmsSignature(kmsSign(signingInputMessage(input)));
  if (!signed.ok) throw new Error(signed.reason);
  return compactJws(input, signed.signature);
}

describe('a verification token made by the helpers', () => {
  it('names an SMS session\'s phone number as sub and phone_number, with no email claim', () => {
    const claims = tokenClaims({ ...facts, destination: { phoneNumber: '+14155550123' } });
    expect(claims).toMatchObject({ sub: '+14155550123', phone_number: '+14155550123', sid: facts.sessionId });
    expect(claims).not.toHaveProperty('email');
    expect(tokenClaims(facts)).not.toHaveProperty('phone_number');
  });

  it('verifies with jose: ES256, kid, issuer, audience and every claim', async () => {
    const token = makeToken(tokenClaims(facts));
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', typ: 'JWT', kid: 'key-1' });
    const { payload } = await jwtVerify(token, publicKey, {
      issuer: facts.issuer,
      audience: facts.audience,
      algorithms: ['ES256'],
      currentDate: new Date((NOW + 1) * 1000),
    });
    expect(payload).toEqual({
      iss: facts.issuer,
      sub: 'ada@example.org',
      aud: 'https://shop.example',
      exp: NOW + 300,
      iat: NOW,
      jti: facts.tokenId,
      email: 'ada@example.org',
      sid: facts.sessionId,
    });
  });

  it('encodes non-ASCII claims as UTF-8 JSON', async () => {
    const token = makeToken(tokenClaims({ ...facts, destination: { email: 'zoë@exämple.org' }, audience: 'app 中文 😀' }));
    const { payload } = await jwtVerify(token, publicKey, { audience: 'app 中文 😀', currentDate: new Date(NOW * 1000) });
    expect(payload.email).toBe('zoë@exämple.org');
  });

  it('is refused once expired, for another audience, or with a changed payload', async () => {
    const token = makeToken(tokenClaims(facts));
    await expect(jwtVerify(token, publicKey, { currentDate: new Date((NOW + 301) * 1000) })).rejects.toThrow(/exp/);
    await expect(jwtVerify(token, publicKey, { audience: 'https://other.example', currentDate: new Date(NOW * 1000) })).rejects.toThrow(/aud/);
    const [header, , signature] = token.split('.');
    const forged = `${header}.${encodeJsonPart({ ...tokenClaims(facts), email: 'eve@example.org' })}.${signature}`;
    await expect(jwtVerify(forged, publicKey, { currentDate: new Date(NOW * 1000) })).rejects.toThrow(/signature/);
  });
});

describe('signingInputMessage', () => {
  it('is base64 of the signing input (what KMS Sign takes as Message)', () => {
    const input = jwsSigningInput(tokenHeader('k'), { a: 1 });
    expect(Buffer.from(signingInputMessage(input), 'base64').toString('ascii')).toBe(input);
  });
});

describe('jwsSigningInput', () => {
  it('is base64url(header) . base64url(payload), no padding', () => {
    const input = jwsSigningInput({ alg: 'ES256', typ: 'JWT', kid: 'k' }, { sub: 'a?' });
    const [header, payload] = input.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString('utf8'))).toEqual({ alg: 'ES256', typ: 'JWT', kid: 'k' });
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'))).toEqual({ sub: 'a?' });
    expect(input).not.toMatch(/[=+/]/);
  });
});
