/** The local KMS with AWS's own client (`@aws-sdk/client-kms`), as functions and tools call it. */
import { createHmac, createPublicKey, createVerify } from 'node:crypto';
import { GenerateMacCommand, GetPublicKeyCommand, KMSClient, KMSInvalidMacException, SignCommand, VerifyMacCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIALS, REGION, startTestKms, type TestKms } from './test-kms.ts';

let local: TestKms;
let client: KMSClient;

beforeAll(async () => {
  local = await startTestKms();
  client = new KMSClient({ endpoint: local.kms.url, region: REGION, credentials: { ...CREDENTIALS } });
});
afterAll(async () => {
  client?.destroy();
  await local?.kms.stop();
});

describe('the local KMS through @aws-sdk/client-kms', () => {
  it('makes a MAC the SDK can verify, and refuses one of another message with KMSInvalidMacException', async () => {
    const message = new TextEncoder().encode('session-1:123456');
    const { Mac } = await client.send(new GenerateMacCommand({ KeyId: 'alias/otp-code', MacAlgorithm: 'HMAC_SHA_256', Message: message }));
    expect(Mac).toHaveLength(32);
    const valid = await client.send(new VerifyMacCommand({ KeyId: 'alias/otp-code', MacAlgorithm: 'HMAC_SHA_256', Message: message, Mac }));
    expect(valid.MacValid).toBe(true);
    const other = new TextEncoder().encode('session-1:654321');
    await expect(client.send(new VerifyMacCommand({ KeyId: 'alias/otp-code', MacAlgorithm: 'HMAC_SHA_256', Message: other, Mac }))).rejects.toBeInstanceOf(
      KMSInvalidMacException,
    );
    // Not an HMAC under some other key: the MAC differs from one made with a key of our own choosing.
    expect(Buffer.from(Mac ?? []).equals(createHmac('sha256', 'k'.repeat(32)).update(message).digest())).toBe(false);
  });

  it('signs with ECDSA P-256 under a key whose public half GetPublicKey gives, and Node verifies the signature', async () => {
    const keyId = local.keys.TokenKey?.keyId;
    const message = new TextEncoder().encode('header.payload');
    const { Signature } = await client.send(new SignCommand({ KeyId: keyId, Message: message, MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }));
    const { PublicKey, KeySpec } = await client.send(new GetPublicKeyCommand({ KeyId: keyId }));
    expect(KeySpec).toBe('ECC_NIST_P256');
    const publicKey = createPublicKey({ key: Buffer.from(PublicKey ?? []), format: 'der', type: 'spki' });
    expect(createVerify('SHA256').update(message).verify(publicKey, Buffer.from(Signature ?? []))).toBe(true);
    expect(createVerify('SHA256').update('header.tampered').verify(publicKey, Buffer.from(Signature ?? []))).toBe(false);
  });
});
