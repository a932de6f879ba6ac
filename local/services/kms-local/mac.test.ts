import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b64, startTestKms, type TestKms } from './test-kms.ts';

let t: TestKms;
beforeAll(async () => {
  t = await startTestKms();
});
afterAll(() => t.kms.stop());

const message = b64('session-1234:042517');

describe('GenerateMac / VerifyMac', () => {
  it('makes the RFC 2104 HMAC-SHA-256 of the message, by key id, ARN, alias name and alias ARN alike', async () => {
    const { keyId, arn } = t.keys.CodeKey!;
    const macs = new Set<string>();
    for (const id of [keyId, arn, 'alias/otp-code', 'arn:aws:kms:eu-west-1:000000000000:alias/otp-code']) {
      const answer = await t.call('GenerateMac', { KeyId: id, Message: message, MacAlgorithm: 'HMAC_SHA_256' });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('application/x-amz-json-1.1');
      expect(answer.body).toEqual({ KeyId: arn, Mac: expect.any(String), MacAlgorithm: 'HMAC_SHA_256' });
      macs.add(answer.body.Mac as string);
    }
    expect(macs.size).toBe(1);
    expect(Buffer.from([...macs][0]!, 'base64')).toHaveLength(32);
  });

  it('verifies its own MAC (MacValid: true) and answers KMSInvalidMacException for another message', async () => {
    const { arn } = t.keys.CodeKey!;
    const { body } = await t.call('GenerateMac', { KeyId: 'alias/otp-code', Message: message, MacAlgorithm: 'HMAC_SHA_256' });
    const valid = await t.call('VerifyMac', { KeyId: arn, Message: message, Mac: body.Mac, MacAlgorithm: 'HMAC_SHA_256' });
    expect(valid).toMatchObject({ status: 200, body: { KeyId: arn, MacValid: true, MacAlgorithm: 'HMAC_SHA_256' } });
    const other = await t.call('VerifyMac', { KeyId: arn, Message: b64('session-1234:042518'), Mac: body.Mac, MacAlgorithm: 'HMAC_SHA_256' });
    expect(other).toMatchObject({ status: 400, body: { __type: 'KMSInvalidMacException' } });
    const truncated = await t.call('VerifyMac', { KeyId: arn, Message: message, Mac: b64(Buffer.from(body.Mac as string, 'base64').subarray(0, 16)), MacAlgorithm: 'HMAC_SHA_256' });
    expect(truncated.body.__type).toBe('KMSInvalidMacException');
  });

  it('uses a secret no other key shares: a MAC of the same message under a fresh HMAC key differs and does not verify', async () => {
    const created = await t.call('CreateKey', { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    const otherKey = (created.body.KeyMetadata as { KeyId: string }).KeyId;
    const mine = await t.call('GenerateMac', { KeyId: 'alias/otp-code', Message: message, MacAlgorithm: 'HMAC_SHA_256' });
    const theirs = await t.call('GenerateMac', { KeyId: otherKey, Message: message, MacAlgorithm: 'HMAC_SHA_256' });
    expect(theirs.body.Mac).not.toBe(mine.body.Mac);
    const crossed = await t.call('VerifyMac', { KeyId: otherKey, Message: message, Mac: mine.body.Mac, MacAlgorithm: 'HMAC_SHA_256' });
    expect(crossed.body.__type).toBe('KMSInvalidMacException');
  });

  it('is node:crypto HMAC under the key secret: a MAC made with a guessed secret does not verify', async () => {
    const forged = createHmac('sha256', Buffer.alloc(32)).update(Buffer.from(message, 'base64')).digest('base64');
    const answer = await t.call('VerifyMac', { KeyId: 'alias/otp-code', Message: message, Mac: forged, MacAlgorithm: 'HMAC_SHA_256' });
    expect(answer.body.__type).toBe('KMSInvalidMacException');
  });

  it('refuses another MAC algorithm, a signing key, an empty or oversized message, and a missing key', async () => {
    const wrongAlgorithm = await t.call('GenerateMac', { KeyId: 'alias/otp-code', Message: message, MacAlgorithm: 'HMAC_SHA_512' });
    expect(wrongAlgorithm.body.__type).toBe('InvalidKeyUsageException');
    const signingKey = await t.call('GenerateMac', { KeyId: t.keys.TokenKey!.keyId, Message: message, MacAlgorithm: 'HMAC_SHA_256' });
    expect(signingKey).toMatchObject({ status: 400, body: { __type: 'InvalidKeyUsageException' } });
    const empty = await t.call('GenerateMac', { KeyId: 'alias/otp-code', Message: '', MacAlgorithm: 'HMAC_SHA_256' });
    expect(empty.body.__type).toBe('ValidationException');
    const big = await t.call('GenerateMac', { KeyId: 'alias/otp-code', Message: b64(Buffer.alloc(4097)), MacAlgorithm: 'HMAC_SHA_256' });
    expect(big.body.__type).toBe('ValidationException');
    const unknownAlgorithm = await t.call('GenerateMac', { KeyId: 'alias/otp-code', Message: message, MacAlgorithm: 'HMAC_MD5' });
    expect(unknownAlgorithm.body.message).toMatch(/^1 validation error detected: Value 'HMAC_MD5' at 'macAlgorithm' failed to satisfy constraint: Member must satisfy enum value set/);
    const missing = await t.call('GenerateMac', { Message: message, MacAlgorithm: 'HMAC_SHA_256' });
    expect(missing.body).toEqual({ __type: 'ValidationException', message: "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null" });
    const noAlias = await t.call('GenerateMac', { KeyId: 'alias/nope', Message: message, MacAlgorithm: 'HMAC_SHA_256' });
    expect(noAlias.body).toEqual({ __type: 'NotFoundException', message: 'Alias arn:aws:kms:eu-west-1:000000000000:alias/nope is not found.' });
    const noKey = await t.call('GenerateMac', { KeyId: '00000000-0000-4000-8000-000000000000', Message: message, MacAlgorithm: 'HMAC_SHA_256' });
    expect(noKey.body).toEqual({ __type: 'NotFoundException', message: "Key 'arn:aws:kms:eu-west-1:000000000000:key/00000000-0000-4000-8000-000000000000' does not exist" });
    const otherRegion = await t.call('GenerateMac', { KeyId: t.keys.CodeKey!.arn.replace('eu-west-1', 'us-east-1'), Message: message, MacAlgorithm: 'HMAC_SHA_256' });
    expect(otherRegion.body.__type).toBe('NotFoundException');
  });
});
