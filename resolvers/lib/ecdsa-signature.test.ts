import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { derToJose } from './ecdsa-signature.ts';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const message = Buffer.from('eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhZGFAZXhhbXBsZS5vcmcifQ', 'ascii');

/** DER `SEQUENCE { INTEGER r, INTEGER s }` of a JOSE signature, written independently of the code under test. */
function joseToDer(jose: Buffer): Buffer {
  const integer = (value: Buffer) => {
    let start = 0;
    while (start < value.length - 1 && value[start] === 0) start += 1;
    let content = value.subarray(start);
    if (content[0]! & 0x80) content = Buffer.concat([Buffer.from([0]), content]);
    return Buffer.concat([Buffer.from([0x02, content.length]), content]);
  };
  const body = Buffer.concat([integer(jose.subarray(0, 32)), integer(jose.subarray(32))]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

describe('derToJose', () => {
  it('turns signatures Node makes in DER into ones Node verifies as IEEE P1363 (r ‖ s)', () => {
    // Enough signatures that r or s with the high bit set (33 DER bytes) and short ones (≤ 31 bytes) occur.
    const lengths = new Set<number>();
    for (let round = 0; round < 400; round += 1) {
      const der = sign('sha256', message, { key: privateKey, dsaEncoding: 'der' });
      lengths.add(der[3]!);
      const jose = derToJose([...der]);
      expect(jose, der.toString('hex')).toHaveLength(64);
      expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(jose!)), der.toString('hex')).toBe(true);
    }
    expect([...lengths].some((length) => length === 33)).toBe(true);
  });

  it('gives back exactly the P1363 signature Node made, from its DER form', () => {
    for (let round = 0; round < 200; round += 1) {
      const p1363 = sign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' });
      expect(derToJose([...joseToDer(p1363)]), p1363.toString('hex')).toEqual([...p1363]);
    }
  });

  it('left-pads short integers to 32 bytes', () => {
    const jose = Buffer.concat([Buffer.alloc(31, 0), Buffer.from([0x05]), Buffer.alloc(1, 0), Buffer.alloc(31, 0x7f)]);
    const der = joseToDer(jose);
    expect(der.toString('hex')).toBe(`3024020105021f${'7f'.repeat(31)}`);
    expect(derToJose([...der])).toEqual([...jose]);
  });

  it.each([
    ['empty', ''],
    ['not a SEQUENCE', '3106020101020101'],
    ['a SEQUENCE length that does not match', '3007020101020101'],
    ['trailing bytes', '300602010102010100'],
    ['a negative r', '3006020181020101'],
    ['a non-minimal r', '300702020001020101'],
    ['an empty s', '30050201010200'],
    ['r longer than 32 bytes', `3027022201${'00'.repeat(33)}020101`],
    ['a long-form length that should be short', '30810602010102010101'],
    ['only r', '3003020101'],
  ])('refuses %s', (_label, hex) => {
    expect(derToJose([...Buffer.from(hex, 'hex')])).toBeNull();
  });

  it('is what the public key in JWK form verifies (the JWKS a relying party reads)', () => {
    const der = sign('sha256', message, { key: privateKey, dsaEncoding: 'der' });
    const jwk = publicKey.export({ format: 'jwk' });
    const fromJwk = createPublicKey({ key: jwk, format: 'jwk' });
    expect(verify('sha256', message, { key: fromJwk, dsaEncoding: 'ieee-p1363' }, Buffer.from(derToJose([...der])!))).toBe(true);
  });
});
