import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HttpDataSourceConfig } from '../../stack-description.ts';
import { closedPort, startRecordingServer, type Answer, type ReceivedRequest, type RecordingServer } from '../../fixtures/http/recording-server.ts';
import { checkSignature } from '../../fixtures/http/verify-signature.ts';
import { verifySigV4 } from '../auth/sigv4.ts';
import { createHttpDataSource, parseEndpointOverrides, type HttpDataSourceOptions } from './http-data-source.ts';
import { DataSourceFieldError, InvalidDataSourceRequestError } from './types.ts';

const CREDENTIALS = { accessKeyId: 'AKIDHTTPTEST', secretAccessKey: 'http-test-secret' };
const ROLE = 'arn:aws:iam::000000000000:role/Fixture-HttpRole';

/** The answer each test sets; the server is shared. */
let answer: (request: ReceivedRequest) => Answer = () => ({ status: 200, body: 'ok' });
let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer((request) => answer(request));
});
afterAll(() => server?.stop());
afterEach(() => {
  server.requests.length = 0;
  answer = () => ({ status: 200, body: 'ok' });
});

function plain(endpoint = server.origin): HttpDataSourceConfig {
  return { name: 'rest', type: 'HTTP', endpoint };
}

describe('the HTTP data source', () => {
  it('sends method, endpoint + resourcePath, query, headers and body; ctx.result is { statusCode, headers, body }', async () => {
    answer = () => ({ status: 201, headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'r-1' }, body: '{"id":"1"}' });
    const source = createHttpDataSource(plain());
    const outcome = await source.invoke({
      method: 'POST',
      resourcePath: '/v1/users',
      params: { query: { q: 'a b' }, headers: { 'Content-Type': 'application/json', 'X-Api-Token': 't' }, body: { name: 'Ada' } },
    });
    expect(outcome.error).toBeUndefined();
    const result = outcome.result as { statusCode: number; headers: Record<string, string>; body: string };
    expect(result.statusCode).toBe(201);
    expect(result.body).toBe('{"id":"1"}');
    // Header names as the endpoint spelled them.
    expect(result.headers).toMatchObject({ 'Content-Type': 'application/json', 'X-Request-Id': 'r-1' });
    const [received] = server.requests;
    expect(received).toMatchObject({ method: 'POST', url: '/v1/users?q=a%20b', body: '{"name":"Ada"}' });
    expect(received!.headers).toMatchObject({
      host: `127.0.0.1:${server.port}`,
      'content-type': 'application/json',
      'x-api-token': 't',
      'content-length': '14',
    });
    expect(received!.headers.authorization).toBeUndefined();
    expect(received!.headers['transfer-encoding']).toBeUndefined();
  });

  it('gives an error status to the response handler as a result, not as ctx.error', async () => {
    answer = () => ({ status: 404, headers: { 'content-type': 'text/plain' }, body: 'no such user' });
    const outcome = await createHttpDataSource(plain()).invoke({ method: 'GET', resourcePath: '/v1/users/9' });
    expect(outcome).toEqual({ result: { statusCode: 404, headers: expect.objectContaining({ 'content-type': 'text/plain' }) as unknown, body: 'no such user' } });
  });

  it('answers an empty body as the empty string, and joins a repeated response header', async () => {
    answer = () => ({ status: 204, headers: { 'Set-Cookie': ['a=1', 'b=2'] } });
    const outcome = await createHttpDataSource(plain()).invoke({ method: 'DELETE', resourcePath: '/x' });
    expect(outcome.result).toMatchObject({ statusCode: 204, body: '', headers: { 'Set-Cookie': 'a=1, b=2' } });
  });

  it('signs with SigV4 for AwsIamConfig region and service when AWS_IAM is configured (verified as the engine verifies)', async () => {
    const config: HttpDataSourceConfig = { ...plain(), iamSigning: { region: 'eu-west-1', service: 'appsync' }, serviceRoleArn: ROLE };
    const roles: (string | undefined)[] = [];
    const source = createHttpDataSource(config, { signingCredentials: (role) => (roles.push(role), CREDENTIALS) });
    await source.invoke({ method: 'POST', resourcePath: '/graphql', params: { query: { x: '1 2' }, headers: { 'Content-Type': 'application/json' }, body: '{"query":"{a}"}' } });
    expect(roles).toEqual([ROLE]);
    const received = server.requests[0]!;
    expect(received.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDHTTPTEST\/\d{8}\/eu-west-1\/appsync\/aws4_request, SignedHeaders=[^,]*host/);
    const url = new URL(received.url, 'http://x');
    const signed = { method: received.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: received.headers, body: received.body };
    expect(await verifySigV4(signed, CREDENTIALS, 'eu-west-1')).toBeNull();
    // The same request with another secret does not verify: the check can fail.
    expect(await verifySigV4(signed, { ...CREDENTIALS, secretAccessKey: 'other' }, 'eu-west-1')).toBe('bad-signature');
  });

  it('sends a session token as x-amz-security-token, signed', async () => {
    const config: HttpDataSourceConfig = { ...plain(), iamSigning: { region: 'us-east-1', service: 'states' } };
    await createHttpDataSource(config, { signingCredentials: { ...CREDENTIALS, sessionToken: 'session-1' } }).invoke({ method: 'GET', resourcePath: '/' });
    const received = server.requests[0]!;
    expect(received.headers['x-amz-security-token']).toBe('session-1');
    const check = await checkSignature(received, CREDENTIALS.secretAccessKey);
    expect(check).toMatchObject({ service: 'states', region: 'us-east-1', valid: true });
    expect(check?.signedHeaders).toContain('x-amz-security-token');
  });

  it('sends an overridden endpoint to the local counterpart unchanged: Host and signature stay those of the AWS host', async () => {
    const config: HttpDataSourceConfig = {
      name: 'kms',
      type: 'HTTP',
      endpoint: 'https://kms.us-east-1.amazonaws.com',
      iamSigning: { region: 'us-east-1', service: 'kms' },
      serviceRoleArn: ROLE,
    };
    const options: HttpDataSourceOptions = { signingCredentials: CREDENTIALS, endpointOverrides: { 'https://kms.us-east-1.amazonaws.com': server.origin } };
    answer = () => ({ status: 200, headers: { 'Content-Type': 'application/x-amz-json-1.1' }, body: '{"KeyId":"k"}' });
    const outcome = await createHttpDataSource(config, options).invoke({
      method: 'POST',
      resourcePath: '/',
      params: { headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'TrentService.Encrypt' }, body: { KeyId: 'k', Plaintext: 'aGk=' } },
    });
    expect(outcome.result).toMatchObject({ statusCode: 200, body: '{"KeyId":"k"}' });
    const received = server.requests[0]!;
    expect(received.headers.host).toBe('kms.us-east-1.amazonaws.com');
    expect(received.headers['x-amz-target']).toBe('TrentService.Encrypt');
    expect(await checkSignature(received, CREDENTIALS.secretAccessKey)).toMatchObject({ service: 'kms', region: 'us-east-1', valid: true });
    // Verified for the host the request reached, the signature would not hold: it is the AWS host's.
    const asReached = { ...received, headers: { ...received.headers, host: `127.0.0.1:${server.port}` } };
    expect(await checkSignature(asReached, CREDENTIALS.secretAccessKey)).toMatchObject({ valid: false });
  });

  it('replaces an Authorization or X-Amz-Date the request set with the signature', async () => {
    const config: HttpDataSourceConfig = { ...plain(), iamSigning: { region: 'eu-west-1', service: 'execute-api' } };
    await createHttpDataSource(config, { signingCredentials: CREDENTIALS }).invoke({
      method: 'GET',
      resourcePath: '/',
      params: { headers: { Authorization: 'Bearer mine', 'X-Amz-Date': '20000101T000000Z' } },
    });
    const received = server.requests[0]!;
    expect(received.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    expect(received.headers['x-amz-date']).not.toBe('20000101T000000Z');
    expect(await checkSignature(received, CREDENTIALS.secretAccessKey)).toMatchObject({ valid: true });
  });

  it('fails the field when no credentials play the role of an AWS_IAM data source', async () => {
    const config: HttpDataSourceConfig = { ...plain(), iamSigning: { region: 'eu-west-1', service: 'kms' }, serviceRoleArn: ROLE };
    const refused = createHttpDataSource(config, { signingCredentials: () => undefined }).invoke({ method: 'GET', resourcePath: '/' });
    await expect(refused).rejects.toThrow(DataSourceFieldError);
    await expect(createHttpDataSource(config).invoke({ method: 'GET', resourcePath: '/' })).rejects.toMatchObject({
      errorType: 'UnsupportedDataSource',
      message: `Data source rest (HTTP) signs its requests with AWS_IAM as role ${ROLE}, and the local engine was given no credentials for it`,
    });
    expect(server.requests).toEqual([]);
  });

  it('sets ctx.error Http:ExecutionTimeoutException when no answer comes in time', async () => {
    answer = () => 'hang';
    const started = Date.now();
    const outcome = await createHttpDataSource(plain(), { timeoutMs: 200 }).invoke({ method: 'GET', resourcePath: '/slow' });
    expect(outcome).toEqual({ result: null, error: { type: 'Http:ExecutionTimeoutException', message: 'execution timed out' } });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('sets ctx.error Http:HttpRequestException when the connection fails', async () => {
    const port = await closedPort();
    const outcome = await createHttpDataSource(plain(`http://127.0.0.1:${port}`)).invoke({ method: 'GET', resourcePath: '/' });
    expect(outcome).toEqual({ result: null, error: { type: 'Http:HttpRequestException', message: `GET http://127.0.0.1:${port} failed: ECONNREFUSED` } });
  });

  it('refuses a malformed request as a MappingTemplate field error, sending nothing', async () => {
    const source = createHttpDataSource(plain());
    await expect(source.invoke({ method: 'GET' })).rejects.toThrow(InvalidDataSourceRequestError);
    await expect(source.invoke({ method: 'GET', resourcePath: '/', params: { headers: { Host: 'evil' } } })).rejects.toMatchObject({ errorType: 'MappingTemplate' });
    expect(server.requests).toEqual([]);
  });

  it('stands in with its unsupported error when the template gives no signing scope', async () => {
    const unsupported = { errorType: 'UnsupportedDataSource', message: 'Data source rest (HTTP) is not supported locally yet: …' };
    const source = createHttpDataSource({ ...plain(), unsupported });
    expect(source.unsupported).toEqual(unsupported);
    await expect(source.invoke({ method: 'GET', resourcePath: '/' })).rejects.toMatchObject(unsupported);
  });

  it('stands in for an endpoint that does not run locally, unless an override covers its origin', async () => {
    const remoteEndpoint = { errorType: 'UnsupportedDataSource', message: "Data source rest (HTTP) is not supported locally yet: its endpoint is C's CollectionEndpoint (…)" };
    const config = { ...plain('https://c.eu-west-1.aoss.amazonaws.com'), remoteEndpoint };
    const blocked = createHttpDataSource(config, { endpointOverrides: { 'https://kms.eu-west-1.amazonaws.com': server.origin } });
    expect(blocked.unsupported).toEqual(remoteEndpoint);
    await expect(blocked.invoke({ method: 'GET', resourcePath: '/' })).rejects.toMatchObject(remoteEndpoint);
    const overridden = createHttpDataSource(config, { endpointOverrides: { 'https://c.eu-west-1.aoss.amazonaws.com': server.origin } });
    expect(overridden.unsupported).toBeUndefined();
    expect((await overridden.invoke({ method: 'GET', resourcePath: '/_count' })).result).toMatchObject({ statusCode: 200, body: 'ok' });
    expect(server.requests).toMatchObject([{ url: '/_count', headers: { host: 'c.eu-west-1.aoss.amazonaws.com' } }]);
  });

  it('takes endpoint overrides as origins only', () => {
    expect(parseEndpointOverrides({ 'https://kms.us-east-1.amazonaws.com/': 'http://127.0.0.1:4599' })).toEqual(
      new Map([['https://kms.us-east-1.amazonaws.com', 'http://127.0.0.1:4599']]),
    );
    expect(() => parseEndpointOverrides({ 'https://kms.us-east-1.amazonaws.com': 'http://127.0.0.1:4599/kms' })).toThrow(/is not an http\(s\) origin/);
    expect(() => parseEndpointOverrides({ 'kms': 'http://127.0.0.1:4599' })).toThrow(/is not a URL/);
  });
});
