import { generateKeyPairSync } from 'node:crypto';
import { KMSClient } from '@aws-sdk/client-kms';
import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const spki = new Uint8Array(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'der', type: 'spki' }));
let failNext = false;
const send = vi.spyOn(KMSClient.prototype, 'send').mockImplementation((async () => {
  if (failNext) {
    failNext = false;
    throw new Error('KMS is unreachable');
  }
  return { PublicKey: spki, KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' };
}) as never);

let handler: typeof import('./handler.ts').handler;
beforeAll(async () => {
  vi.stubEnv('JWKS_KEY_IDS', 'current-key');
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  ({ handler } = await import('./handler.ts'));
});
afterAll(() => {
  vi.unstubAllEnvs();
  send.mockRestore();
});

const request = (method: string) => ({ requestContext: { http: { method } } }) as LambdaFunctionURLEvent;

describe('serve-jwks handler', () => {
  it('answers a 503 that is not cached when KMS fails, then the key set once it answers', async () => {
    failNext = true;
    const failed = await handler(request('GET'));
    expect(failed).toMatchObject({ statusCode: 503, headers: { 'cache-control': 'no-store' } });
    const answer = await handler(request('GET'));
    expect(answer).toMatchObject({ statusCode: 200, headers: { 'content-type': 'application/jwk-set+json', 'cache-control': 'public, max-age=300' } });
    expect(JSON.parse((answer as { body: string }).body).keys).toEqual([expect.objectContaining({ kid: 'current-key', alg: 'ES256', use: 'sig' })]);
  });

  it('reads the key from KMS once per container', async () => {
    const before = send.mock.calls.length;
    await handler(request('GET'));
    await handler(request('HEAD'));
    expect(send.mock.calls.length).toBe(before);
  });

  it('answers HEAD without a body and refuses other methods with 405', async () => {
    expect(await handler(request('HEAD'))).toMatchObject({ statusCode: 200, body: '' });
    expect(await handler(request('POST'))).toMatchObject({ statusCode: 405, headers: { allow: 'GET, HEAD' } });
  });
});
