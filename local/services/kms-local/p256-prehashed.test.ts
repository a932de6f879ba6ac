import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeEcdsaDer, encodeEcdsaDer } from './ecdsa-der.ts';
import { signDigest, verifyDigest } from './p256-prehashed.ts';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const jwk = privateKey.export({ format: 'jwk' });
const [d, x, y] = [jwk.d!, jwk.x!, jwk.y!].map((part) => Buffer.from(part, 'base64url')) as [Buffer, Buffer, Buffer];
const message = Buffer.from('the message');
const digest = createHash('sha256').update(message).digest();

describe('ECDSA P-256 over a given digest', () => {
  it('makes signatures node:crypto verifies as ECDSA-SHA-256 of the message', () => {
    for (let round = 0; round < 10; round += 1) {
      const { r, s } = signDigest(digest, d);
      expect(verify('sha256', message, publicKey, encodeEcdsaDer(r, s))).toBe(true);
    }
  });

  it('verifies node:crypto signatures and refuses them for another digest or altered', () => {
    const signature = decodeEcdsaDer(sign('sha256', message, privateKey))!;
    expect(verifyDigest(digest, signature, x, y)).toBe(true);
    expect(verifyDigest(createHash('sha256').update('other').digest(), signature, x, y)).toBe(false);
    expect(verifyDigest(digest, { r: signature.r, s: signature.s + 1n }, x, y)).toBe(false);
    expect(verifyDigest(digest, { r: 0n, s: signature.s }, x, y)).toBe(false);
  });
});

describe('DER signatures', () => {
  it('round-trip node:crypto signatures byte for byte', () => {
    const der = sign('sha256', message, privateKey);
    const { r, s } = decodeEcdsaDer(der)!;
    expect(encodeEcdsaDer(r, s).equals(der)).toBe(true);
  });

  it('refuse what is not strict DER: trailing bytes, a negative or padded integer, a wrong tag', () => {
    const der = sign('sha256', message, privateKey);
    expect(decodeEcdsaDer(Buffer.concat([der, Buffer.from([0])]))).toBeNull();
    expect(decodeEcdsaDer(Buffer.from([0x30, 0x06, 0x02, 0x01, 0x80, 0x02, 0x01, 0x01]))).toBeNull();
    expect(decodeEcdsaDer(Buffer.from([0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01]))).toBeNull();
    expect(decodeEcdsaDer(Buffer.from([0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]))).toBeNull();
    expect(decodeEcdsaDer(Buffer.from([0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]))).toEqual({ r: 1n, s: 1n });
  });
});
