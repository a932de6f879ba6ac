import { describe, expect, it } from 'vitest';
import { readVerifyMac, verifyMacRequest } from './kms-verify-mac.ts';

const KEY = 'arn:aws:kms:eu-west-1:000000000000:key/aaaaaaaa-0000-4000-8000-000000000000';
const json = (statusCode: number, body: unknown) => ({ statusCode, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify(body) });

describe('verifyMacRequest', () => {
  it('is a POST to / in KMS JSON 1.1 protocol for TrentService.VerifyMac, with the key, message, MAC and algorithm', () => {
    const request = verifyMacRequest(KEY, 'bWVzc2FnZQ==', 'bWFj');
    expect(request).toEqual({
      method: 'POST',
      resourcePath: '/',
      params: {
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.VerifyMac' },
        body: expect.any(String),
      },
    });
    expect(JSON.parse(request.params?.body ?? '')).toEqual({ KeyId: KEY, Message: 'bWVzc2FnZQ==', Mac: 'bWFj', MacAlgorithm: 'HMAC_SHA_256' });
  });
});

describe('readVerifyMac', () => {
  it('is a match only for a 200 with MacValid true', () => {
    expect(readVerifyMac(json(200, { KeyId: KEY, MacValid: true, MacAlgorithm: 'HMAC_SHA_256' }))).toEqual({ kind: 'match' });
    expect(readVerifyMac(json(200, { KeyId: KEY, MacValid: false }))).toMatchObject({ kind: 'failed' });
    expect(readVerifyMac(json(200, {}))).toMatchObject({ kind: 'failed' });
    expect(readVerifyMac({ statusCode: 200, body: 'MacValid: true' })).toMatchObject({ kind: 'failed' });
  });

  it("is a mismatch only for KMS's KMSInvalidMacException (400), also namespaced", () => {
    expect(readVerifyMac(json(400, { __type: 'KMSInvalidMacException', message: 'MAC verification failed.' }))).toEqual({ kind: 'mismatch' });
    expect(readVerifyMac(json(400, { __type: 'com.amazonaws.kms#KMSInvalidMacException' }))).toEqual({ kind: 'mismatch' });
    expect(readVerifyMac(json(500, { __type: 'KMSInvalidMacException' }))).toMatchObject({ kind: 'failed' });
  });

  it('fails on every other answer, naming the status and KMS error type only', () => {
    expect(readVerifyMac(json(400, { __type: 'ThrottlingException', message: 'Rate exceeded' }))).toEqual({
      kind: 'failed',
      reason: 'KMS answered 400 with ThrottlingException',
    });
    for (const type of ['DisabledException', 'NotFoundException', 'AccessDeniedException', 'KMSInvalidStateException', 'InvalidKeyUsageException']) {
      expect(readVerifyMac(json(400, { __type: type }))).toEqual({ kind: 'failed', reason: `KMS answered 400 with ${type}` });
    }
    expect(readVerifyMac(json(500, { __type: 'KMSInternalException' }))).toMatchObject({ kind: 'failed' });
    expect(readVerifyMac({ statusCode: 502, body: '<html>Bad gateway</html>' })).toEqual({ kind: 'failed', reason: 'KMS answered 502 with an error' });
    expect(readVerifyMac(null)).toEqual({ kind: 'failed', reason: 'no answer from KMS' });
  });
});
