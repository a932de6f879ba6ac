import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { canonicalPath, jsonRequestSigner, type JsonRequestSignerOptions } from './json-request-signer.ts';
import { NodeSha256 } from './node-sha256.ts';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const TARGET = 'DynamoDB_20120810.GetItem';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

/** What the engine's client sent before: smithy's signer with its defaults, over the same request. */
async function smithySigned(options: JsonRequestSignerOptions, body: string, date: Date): Promise<Record<string, string>> {
  const url = options.endpoint;
  const signer = new SignatureV4({ credentials: options.credentials, region: options.region, service: options.service, sha256: NodeSha256 });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname || '/',
      query: {},
      headers: { host: url.host, 'content-type': CONTENT_TYPE, 'x-amz-target': TARGET, 'content-length': String(Buffer.byteLength(body)) },
      body,
    },
    { signingDate: date },
  );
  return signed.headers as Record<string, string>;
}

describe('jsonRequestSigner', () => {
  const cases: { name: string; options: JsonRequestSignerOptions; body: string }[] = [
    { name: 'a local endpoint', options: { endpoint: new URL('http://127.0.0.1:8000'), region: 'us-east-1', service: 'dynamodb', credentials: CREDENTIALS }, body: '{"TableName":"t","Key":{"id":{"S":"1"}}}' },
    {
      name: 'a session token, a path, another region and service, a non-ASCII body',
      options: { endpoint: new URL('https://streams.example.com/a b/./c/../d/'), region: 'eu-west-3', service: 'dynamodb', credentials: { ...CREDENTIALS, sessionToken: 'FwoGZXIvYXdzEBYaDK+/=' } },
      body: '{"Item":{"name":{"S":"Zoë — ✓"}}}',
    },
    { name: 'an empty body', options: { endpoint: new URL('http://localhost:4566/'), region: 'us-west-2', service: 'dynamodb', credentials: CREDENTIALS }, body: '' },
  ];

  for (const { name, options, body } of cases) {
    it(`signs as @smithy/signature-v4 does, header for header: ${name}`, async () => {
      const sign = jsonRequestSigner(options);
      // Across a change of day: the signing key kept for one day must not sign the next.
      for (const date of [new Date('2026-12-07T23:59:59.999Z'), new Date('2026-12-08T00:00:00.000Z'), new Date('2026-12-08T13:45:10.250Z')]) {
        expect(sign(TARGET, CONTENT_TYPE, body, date)).toEqual(await smithySigned(options, body, date));
      }
    });
  }

  it('changes the signature with the body, the target and the secret', () => {
    const options = cases[0]!.options;
    const date = new Date('2026-12-08T10:00:00Z');
    const signature = (headers: Record<string, string>) => headers.authorization!.split('Signature=')[1];
    const base = signature(jsonRequestSigner(options)(TARGET, CONTENT_TYPE, '{}', date));
    expect(signature(jsonRequestSigner(options)(TARGET, CONTENT_TYPE, '{ }', date))).not.toBe(base);
    expect(signature(jsonRequestSigner(options)('DynamoDB_20120810.PutItem', CONTENT_TYPE, '{}', date))).not.toBe(base);
    expect(signature(jsonRequestSigner({ ...options, credentials: { ...CREDENTIALS, secretAccessKey: 'other' } })(TARGET, CONTENT_TYPE, '{}', date))).not.toBe(base);
  });

  it('resolves dot segments and escapes the path once more, as SigV4 wants for every service but S3', () => {
    expect(canonicalPath('/')).toBe('/');
    expect(canonicalPath('')).toBe('');
    // A URL's pathname is already percent-encoded: its escapes are escaped again.
    expect(canonicalPath('/a%20b/./c/../d/')).toBe('/a%2520b/d/');
    expect(canonicalPath("/x!'()*")).toBe('/x%21%27%28%29%2A');
  });
});
