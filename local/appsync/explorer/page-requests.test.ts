/**
 * The page's request logic, run in Node: the headers of each auth mode (the IAM signature checked by the engine's
 * own verifier), the real-time handshake encoding, and which operations go to the real-time endpoint.
 */
import { describe, expect, it } from 'vitest';
import { EXPLORER_IAM, explorerTestApi } from '../../fixtures/explorer/explorer-api.ts';
import { verifySigV4 } from '../auth/sigv4.ts';
import { authorizationHeaders, type SelectedAuth } from './browser/auth-headers.ts';
import { isSubscription } from './browser/fetcher.ts';
import { editorHeaders } from './browser/http-request.ts';
import { base64UrlJson } from './browser/realtime-subscription.ts';
import { explorerConfig } from './explorer-config.ts';

const config = explorerConfig(explorerTestApi(), {
  graphqlPath: '/graphql',
  realtimePath: '/graphql/realtime',
  region: 'eu-west-1',
  iamCredentials: EXPLORER_IAM,
  defaultKeyExpires: 2_000_000_000,
});
const host = '127.0.0.1:4321';
const request = { path: '/graphql', body: '{"query":"{ hello }"}', headers: { 'content-type': 'application/json' } };
const auth = (mode: SelectedAuth['mode']): SelectedAuth => ({ mode, apiKey: 'da2-key', token: 'token-value' });

describe('authorization headers of the page', () => {
  it('API key: x-api-key and host', async () => {
    expect(await authorizationHeaders(auth('API_KEY'), config, host, request)).toEqual({
      'content-type': 'application/json',
      host,
      'x-api-key': 'da2-key',
    });
  });

  it('token modes: the bare token as Authorization', async () => {
    for (const mode of ['AMAZON_COGNITO_USER_POOLS', 'OPENID_CONNECT', 'AWS_LAMBDA'] as const) {
      expect((await authorizationHeaders(auth(mode), config, host, request)).authorization).toBe('token-value');
    }
  });

  it("IAM: a SigV4 signature over host the engine's verifier accepts, and refuses for another body", async () => {
    const headers = await authorizationHeaders(auth('AWS_IAM'), config, host, request);
    expect(headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXPLORER\/\d{8}\/eu-west-1\/appsync\/aws4_request, SignedHeaders=[^,]*host/);
    const signed = { method: 'POST', path: '/graphql', query: {}, headers, body: request.body };
    expect(await verifySigV4(signed, EXPLORER_IAM, 'eu-west-1')).toBeNull();
    expect(await verifySigV4({ ...signed, body: '{"query":"{ whoami }"}' }, EXPLORER_IAM, 'eu-west-1')).toBe('bad-signature');
  });

  it('IAM without credentials in the page: a clear error', async () => {
    await expect(authorizationHeaders(auth('AWS_IAM'), { ...config, iam: null }, host, request)).rejects.toThrow(/IAM is not available/);
  });
});

describe('real-time and routing helpers', () => {
  it('encodes handshake headers as unpadded base64url JSON (a valid subprotocol token)', () => {
    const headers = { host, 'x-api-key': 'da2-ÿ?>~' };
    const encoded = base64UrlJson(headers);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'))).toEqual(headers);
  });

  it('sends subscriptions to the real-time endpoint, the rest (and unparsable text) over HTTP', () => {
    expect(isSubscription({ query: 'subscription { onPublish { channel } }' })).toBe(true);
    expect(isSubscription({ query: 'query A { hello } subscription B { onPublish { channel } }', operationName: 'B' })).toBe(true);
    expect(isSubscription({ query: 'query A { hello } subscription B { onPublish { channel } }', operationName: 'A' })).toBe(false);
    expect(isSubscription({ query: 'subscription {' })).toBe(false);
  });

  it("keeps the header editor's headers, except those the page sets", () => {
    expect(editorHeaders({ 'X-Custom': 'a', Host: 'evil', 'content-type': 'text/plain', n: 1, skip: null })).toEqual({ 'x-custom': 'a', n: '1' });
  });
});
