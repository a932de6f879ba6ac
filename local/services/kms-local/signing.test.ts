import { createHash, createPublicKey, verify } from 'node:crypto';
import { importSPKI, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEcdsaDer } from './ecdsa-der.ts';
import { b64, startTestKms, type TestKms } from './test-kms.ts';

let t: TestKms;
beforeAll(async () => {
  t = await startTestKms();
});
afterAll(() => t.kms.stop());

const base64url = (value: string | Uint8Array): string => Buffer.from(value).toString('base64url');

/** The public key GetPublicKey hands out, as a node KeyObject. */
async function publicKeyOf(keyId: string) {
  const answer = await t.call('GetPublicKey', { KeyId: keyId });
  expect(answer.status).toBe(200);
  return createPublicKey({ key: Buffer.from(answer.body.PublicKey as string, 'base64'), format: 'der', type: 'spki' });
}

/** ES256 wants r‖s (32 bytes each); KMS gives DER. What a resolver signing JWTs with KMS must convert. */
function derToJose(der: Buffer): string {
  const { r, s } = decodeEcdsaDer(der)!;
  const part = (value: bigint) => Buffer.from(value.toString(16).padStart(64, '0'), 'hex');
  return base64url(Buffer.concat([part(r), part(s)]));
}

describe('GetPublicKey', () => {
  it('answers the P-256 public key as base64 DER SubjectPublicKeyInfo with its spec, usage and algorithms', async () => {
    const { arn } = t.keys.TokenKey!;
    const answer = await t.call('GetPublicKey', { KeyId: 'alias/OtpService-token' });
    expect(answer.body).toEqual({
      KeyId: arn,
      PublicKey: expect.any(String),
      CustomerMasterKeySpec: 'ECC_NIST_P256',
      KeySpec: 'ECC_NIST_P256',
      KeyUsage: 'SIGN_VERIFY',
      SigningAlgorithms: ['ECDSA_SHA_256'],
    });
    const key = createPublicKey({ key: Buffer.from(answer.body.PublicKey as string, 'base64'), format: 'der', type: 'spki' });
    expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it('has nothing for an HMAC or symmetric key (UnsupportedOperationException) and refuses a disabled key', async () => {
    expect((await t.call('GetPublicKey', { KeyId: 'alias/otp-code' })).body.__type).toBe('UnsupportedOperationException');
    expect((await t.call('GetPublicKey', { KeyId: t.keys.DataKey!.keyId })).body.__type).toBe('UnsupportedOperationException');
    expect((await t.call('GetPublicKey', { KeyId: t.keys.RetiredTokenKey!.keyId })).body).toEqual({
      __type: 'DisabledException',
      message: `${t.keys.RetiredTokenKey!.arn} is disabled.`,
    });
  });
});

describe('Sign / Verify', () => {
  it('signs a RAW message: a DER ECDSA signature node:crypto verifies with the public key from GetPublicKey', async () => {
    const message = Buffer.from('header.payload');
    const answer = await t.call('Sign', { KeyId: t.keys.TokenKey!.keyId, Message: b64(message), MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' });
    expect(answer.body).toEqual({ KeyId: t.keys.TokenKey!.arn, Signature: expect.any(String), SigningAlgorithm: 'ECDSA_SHA_256' });
    const signature = Buffer.from(answer.body.Signature as string, 'base64');
    expect(signature[0]).toBe(0x30); // DER SEQUENCE
    expect(decodeEcdsaDer(signature)).not.toBeNull();
    const publicKey = await publicKeyOf(t.keys.TokenKey!.keyId);
    expect(verify('sha256', message, publicKey, signature)).toBe(true);
    expect(verify('sha256', Buffer.from('header.payloaD'), publicKey, signature)).toBe(false);
  });

  it('signs a DIGEST without hashing it again: node verifies it as the signature of the original message', async () => {
    const message = Buffer.from('a message hashed by the caller');
    const digest = createHash('sha256').update(message).digest();
    const answer = await t.call('Sign', { KeyId: 'alias/OtpService-token', Message: b64(digest), MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' });
    const signature = Buffer.from(answer.body.Signature as string, 'base64');
    expect(verify('sha256', message, await publicKeyOf('alias/OtpService-token'), signature)).toBe(true);
    // …and KMS's Verify agrees, as DIGEST and as the RAW message (a message and its digest are the same message).
    const asDigest = await t.call('Verify', { KeyId: 'alias/OtpService-token', Message: b64(digest), MessageType: 'DIGEST', Signature: answer.body.Signature, SigningAlgorithm: 'ECDSA_SHA_256' });
    expect(asDigest.body).toEqual({ KeyId: t.keys.TokenKey!.arn, SignatureValid: true, SigningAlgorithm: 'ECDSA_SHA_256' });
    const asRaw = await t.call('Verify', { KeyId: 'alias/OtpService-token', Message: b64(message), Signature: answer.body.Signature, SigningAlgorithm: 'ECDSA_SHA_256' });
    expect(asRaw.body.SignatureValid).toBe(true);
  });

  it('refuses a DIGEST of the wrong length', async () => {
    const answer = await t.call('Sign', { KeyId: 'alias/OtpService-token', Message: b64(Buffer.alloc(20)), MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' });
    expect(answer.body).toEqual({ __type: 'ValidationException', message: 'Digest is invalid length for algorithm ECDSA_SHA_256.' });
  });

  it('makes an ES256 JWT that jose verifies against the public key (DER converted to r‖s)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url(JSON.stringify({ alg: 'ES256', kid: t.keys.TokenKey!.keyId, typ: 'JWT' }));
    const payload = base64url(JSON.stringify({ iss: 'https://otp.example', sub: 'ada@example.com', aud: 'shop', iat: now, exp: now + 300 }));
    const signed = await t.call('Sign', { KeyId: 'alias/OtpService-token', Message: b64(`${header}.${payload}`), MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' });
    const token = `${header}.${payload}.${derToJose(Buffer.from(signed.body.Signature as string, 'base64'))}`;
    const spki = (await t.call('GetPublicKey', { KeyId: 'alias/OtpService-token' })).body.PublicKey as string;
    const pem = `-----BEGIN PUBLIC KEY-----\n${spki.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----`;
    const { payload: claims } = await jwtVerify(token, await importSPKI(pem, 'ES256'), { audience: 'shop', issuer: 'https://otp.example' });
    expect(claims.sub).toBe('ada@example.com');
    await expect(jwtVerify(`${header}.${base64url('{"sub":"eve"}')}.${token.split('.')[2]}`, await importSPKI(pem, 'ES256'))).rejects.toThrow();
  });

  it('answers KMSInvalidSignatureException for a signature of another message, a malformed one, or another key\'s', async () => {
    const sign = async (keyId: string, text: string) =>
      (await t.call('Sign', { KeyId: keyId, Message: b64(text), SigningAlgorithm: 'ECDSA_SHA_256' })).body.Signature as string;
    const signature = await sign('alias/OtpService-token', 'one');
    const verifyWith = (keyId: string, text: string, sig: string) =>
      t.call('Verify', { KeyId: keyId, Message: b64(text), Signature: sig, SigningAlgorithm: 'ECDSA_SHA_256' });
    expect((await verifyWith('alias/OtpService-token', 'two', signature)).body).toEqual({ __type: 'KMSInvalidSignatureException', message: 'Signature verification failed.' });
    expect((await verifyWith('alias/OtpService-token', 'one', b64('not der'))).body.__type).toBe('KMSInvalidSignatureException');
    const created = await t.call('CreateKey', { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    const otherKey = (created.body.KeyMetadata as { KeyId: string }).KeyId;
    expect((await verifyWith(otherKey, 'one', signature)).body.__type).toBe('KMSInvalidSignatureException');
  });

  it('refuses to sign with a MAC key or a symmetric key, with another algorithm, and with a disabled key', async () => {
    const sign = (keyId: string, algorithm = 'ECDSA_SHA_256') => t.call('Sign', { KeyId: keyId, Message: b64('m'), SigningAlgorithm: algorithm });
    expect((await sign('alias/otp-code')).body).toEqual({
      __type: 'InvalidKeyUsageException',
      message: `${t.keys.CodeKey!.arn} key usage is GENERATE_VERIFY_MAC which is not valid for Sign.`,
    });
    expect((await sign(t.keys.DataKey!.keyId)).body.__type).toBe('InvalidKeyUsageException');
    expect((await sign('alias/OtpService-token', 'ECDSA_SHA_384')).body.__type).toBe('InvalidKeyUsageException');
    expect((await sign('alias/OtpService-token', 'RSASSA_PSS_SHA_256')).body.__type).toBe('InvalidKeyUsageException');
    expect((await sign(t.keys.RetiredTokenKey!.keyId)).body.__type).toBe('DisabledException');
  });
});
