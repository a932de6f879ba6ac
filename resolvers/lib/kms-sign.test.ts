import { describe, expect, it } from 'vitest';
import { kmsSignRequest, readKmsSignature } from './kms-sign.ts';

describe('kmsSignRequest', () => {
  it("is KMS's JSON-protocol Sign: RAW message, ECDSA_SHA_256", () => {
    const request = kmsSignRequest('1234abcd-12ab-34cd-56ef-1234567890ab', 'aGVsbG8=');
    expect(request).toEqual({
      method: 'POST',
      resourcePath: '/',
      params: {
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.Sign' },
        body: JSON.stringify({
          KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
          Message: 'aGVsbG8=',
          MessageType: 'RAW',
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
      },
    });
  });
});

describe('readKmsSignature', () => {
  const der = Buffer.from('3006020101020102', 'hex').toString('base64');

  it('answers the signature in JOSE form', () => {
    const outcome = readKmsSignature({ statusCode: 200, body: JSON.stringify({ Signature: der }) });
    expect(outcome).toEqual({ ok: true, signature: [...Array(31).fill(0), 1, ...Array(31).fill(0), 2] });
  });

  it.each([
    ['no answer', null, 'no answer from KMS'],
    ['an error status, naming KMS\'s error type', { statusCode: 400, body: '{"__type":"KMSInvalidStateException","message":"…"}' }, 'KMS answered 400 with KMSInvalidStateException'],
    ['an error page that is not JSON', { statusCode: 502, body: '<html>Bad gateway</html>' }, 'KMS answered 502 with an error'],
    ['a 200 without a signature', { statusCode: 200, body: '{}' }, 'KMS answered without a valid ECDSA signature'],
    ['a signature that is not DER', { statusCode: 200, body: JSON.stringify({ Signature: 'AAAA' }) }, 'KMS answered without a valid ECDSA signature'],
  ])('fails on %s', (_label, result, reason) => {
    expect(readKmsSignature(result)).toEqual({ ok: false, reason });
  });
});
