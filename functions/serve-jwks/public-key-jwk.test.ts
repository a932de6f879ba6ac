import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PublicKeyError } from './errors.ts';
import { publicKeyJwk } from './public-key-jwk.ts';

const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const spki = (key = p256.publicKey) => new Uint8Array(key.export({ format: 'der', type: 'spki' }));

describe('publicKeyJwk', () => {
  it('is the SPKI key as an ES256 signing JWK with the key id as kid, and verifies what the private key signs', () => {
    const jwk = publicKeyJwk('key-1', { PublicKey: spki(), KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    const expected = p256.publicKey.export({ format: 'jwk' });
    expect(jwk).toEqual({ kty: 'EC', crv: 'P-256', x: expected.x, y: expected.y, kid: 'key-1', use: 'sig', alg: 'ES256' });
    const signature = sign('sha256', Buffer.from('m'), p256.privateKey);
    expect(verify('sha256', Buffer.from('m'), createPublicKey({ key: jwk, format: 'jwk' }), signature)).toBe(true);
  });

  it.each([
    ['an HMAC key', { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }],
    ['another curve', { KeySpec: 'ECC_NIST_P384', KeyUsage: 'SIGN_VERIFY' }],
    ['an encryption key', { KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' }],
  ])('refuses %s', (_label, metadata) => {
    expect(() => publicKeyJwk('key-1', { PublicKey: spki(), ...metadata })).toThrow(PublicKeyError);
  });

  it('refuses a P-384 public key even when KMS says P-256', () => {
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    expect(() => publicKeyJwk('key-1', { PublicKey: spki(p384.publicKey), KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' })).toThrow(PublicKeyError);
  });
});
