import { describe, expect, it } from 'vitest';
import { signGraphqlRequest } from '../../test-support/sign-graphql.ts';
import { parseAmzDate, parseSigV4Authorization, verifySigV4, type SignedRequest } from './sigv4.ts';

const credentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };

async function signed(body: string, at: Date, secret = credentials.secretAccessKey, applyChecksum = true, signHost = true): Promise<SignedRequest> {
  const headers = await signGraphqlRequest({
    url: 'http://127.0.0.1:4000/graphql',
    body,
    credentials: { ...credentials, secretAccessKey: secret },
    region: 'eu-west-1',
    signingDate: at,
    applyChecksum,
    signHost,
  });
  return { method: 'POST', path: '/graphql', query: {}, headers, body };
}

describe('SigV4 verification', () => {
  const now = new Date('2025-01-02T03:04:05Z');

  it('parses the Authorization header and x-amz-date', () => {
    const parsed = parseSigV4Authorization(
      'AWS4-HMAC-SHA256 Credential=AKID/20250102/eu-west-1/appsync/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc',
    );
    expect(parsed).toEqual({ accessKeyId: 'AKID', date: '20250102', region: 'eu-west-1', service: 'appsync', signedHeaders: ['host', 'x-amz-date'], signature: 'abc' });
    expect(parseAmzDate('20250102T030405Z')?.toISOString()).toBe('2025-01-02T03:04:05.000Z');
  });

  it('accepts a correctly signed request', async () => {
    expect(await verifySigV4(await signed('{"query":"{a}"}', now), credentials, 'eu-west-1', now)).toBeNull();
  });

  it('refuses a tampered body, a wrong secret, another region and a stale date', async () => {
    const request = await signed('{"query":"{a}"}', now);
    expect(await verifySigV4({ ...request, body: '{"query":"{b}"}' }, credentials, 'eu-west-1', now)).toBe('bad-signature');
    expect(await verifySigV4(await signed('{}', now, 'wrong'), credentials, 'eu-west-1', now)).toBe('bad-signature');
    const withoutBodyHash = await signed('{"query":"{a}"}', now, credentials.secretAccessKey, false);
    expect(withoutBodyHash.headers['x-amz-content-sha256']).toBeUndefined();
    expect(await verifySigV4(withoutBodyHash, credentials, 'eu-west-1', now)).toBeNull();
    expect(await verifySigV4({ ...withoutBodyHash, body: '{"query":"{b}"}' }, credentials, 'eu-west-1', now)).toBe('bad-signature');
    expect(await verifySigV4(request, credentials, 'us-east-1', now)).toBe('wrong-scope');
    expect(await verifySigV4(request, credentials, 'eu-west-1', new Date(now.getTime() + 6 * 60_000))).toBe('stale');
    expect(await verifySigV4(request, { ...credentials, accessKeyId: 'OTHER' }, 'eu-west-1', now)).toBe('unknown-access-key');
  });

  it('refuses a correct signature whose SignedHeaders leave out host', async () => {
    const withoutHost = await signed('{"query":"{a}"}', now, credentials.secretAccessKey, true, false);
    // The request still carries its Host header; only the signature does not cover it.
    expect(withoutHost.headers.host).toBe('127.0.0.1:4000');
    const signedHeaders = parseSigV4Authorization(withoutHost.headers.authorization!)!.signedHeaders;
    expect(signedHeaders).toEqual(['content-type', 'x-amz-content-sha256', 'x-amz-date']);
    expect(await verifySigV4(withoutHost, credentials, 'eu-west-1', now)).toBe('host-not-signed');
  });
});
