import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpDataSource } from '../../appsync/data-sources/http-data-source.ts';
import { b64, CREDENTIALS, REGION, startTestKms, type TestKms } from './test-kms.ts';

let t: TestKms;
beforeAll(async () => {
  t = await startTestKms();
});
afterAll(() => t.kms.stop());

const generateMac = { KeyId: 'alias/otp-code', Message: b64('session:123456'), MacAlgorithm: 'HMAC_SHA_256' };
const SIGNATURE_MISMATCH = /^The request signature we calculated does not match the signature you provided/;

describe('who may call the local KMS (SigV4, service kms)', () => {
  it('refuses an unsigned request, unknown credentials and a wrong secret, as AWS does', async () => {
    expect((await t.call('GenerateMac', generateMac, { sign: false })).body).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
    const stranger = await t.call('GenerateMac', generateMac, { credentials: { accessKeyId: 'AKIASTRANGER00000000', secretAccessKey: 'x' } });
    expect(stranger).toMatchObject({ status: 400, body: { __type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' } });
    const wrongSecret = await t.call('GenerateMac', generateMac, { credentials: { ...CREDENTIALS, secretAccessKey: 'guessed' } });
    expect(wrongSecret.status).toBe(400);
    expect(wrongSecret.body.__type).toBe('InvalidSignatureException');
    expect(wrongSecret.body.message).toMatch(SIGNATURE_MISMATCH);
  });

  it('refuses a signed request whose body, target or signature was changed on the way', async () => {
    const otherBody = await t.call('GenerateMac', generateMac, { sentBody: JSON.stringify({ ...generateMac, Message: b64('session:654321') }) });
    expect(otherBody.body.message).toMatch(SIGNATURE_MISMATCH);
    const otherTarget = await t.call('GenerateMac', generateMac, { tamper: (headers) => void (headers['x-amz-target'] = 'TrentService.CreateKey') });
    expect(otherTarget.body.__type).toBe('InvalidSignatureException');
    const flipped = await t.call('GenerateMac', generateMac, {
      tamper: (headers) => void (headers.authorization = headers.authorization!.replace(/Signature=(.)/, (_, c: string) => `Signature=${c === 'a' ? 'b' : 'a'}`)),
    });
    expect(flipped.body.__type).toBe('InvalidSignatureException');
  });

  it('refuses a signature for another service, another region, or another region\'s host', async () => {
    expect((await t.call('GenerateMac', generateMac, { service: 'appsync' })).body).toEqual({ __type: 'InvalidSignatureException', message: "Credential should be scoped to correct service: 'kms'. " });
    expect((await t.call('GenerateMac', generateMac, { signingRegion: 'us-east-1' })).body).toEqual({ __type: 'InvalidSignatureException', message: 'Credential should be scoped to a valid region. ' });
    const otherHost = await t.call('GenerateMac', generateMac, { host: 'kms.us-east-1.amazonaws.com' });
    expect(otherHost.body).toMatchObject({ __type: 'InvalidSignatureException', message: expect.stringContaining("'kms.us-east-1.amazonaws.com'") });
    const foreignHost = await t.call('GenerateMac', generateMac, { host: 'kms.eu-west-1.evil.example' });
    expect(foreignHost.body.__type).toBe('InvalidSignatureException');
  });

  it('refuses a signature more than 5 minutes old, and one that leaves host unsigned', async () => {
    const stale = await t.call('GenerateMac', generateMac, { signingDate: new Date(Date.now() - 6 * 60 * 1000) });
    expect(stale.body).toMatchObject({ __type: 'InvalidSignatureException', message: expect.stringMatching(/^Signature expired: /) });
    const hostless = await t.call('GenerateMac', generateMac, {
      tamper: (headers) => void (headers.authorization = headers.authorization!.replace(/SignedHeaders=([^,]*)/, (_, list: string) => `SignedHeaders=${list.split(';').filter((name) => name !== 'host').join(';')}`)),
    });
    expect(hostless.body.__type).toBe('IncompleteSignatureException');
  });

  it('accepts a request signed for kms.<region>.amazonaws.com: what an AppSync HTTP data source sends through an endpoint override', async () => {
    const direct = await t.call('GenerateMac', generateMac, { host: `kms.${REGION}.amazonaws.com` });
    expect(direct.status).toBe(200);
    // The engine's own HTTP data source, signing as AppSync does (AWS_IAM, service kms), overridden to the local KMS.
    const dataSource = createHttpDataSource(
      { name: 'kms', type: 'HTTP', endpoint: `https://kms.${REGION}.amazonaws.com`, iamSigning: { region: REGION, service: 'kms' } },
      { signingCredentials: CREDENTIALS, endpointOverrides: { [t.kms.awsEndpoint]: t.kms.url } },
    );
    const { result } = await dataSource.invoke({
      method: 'POST',
      resourcePath: '/',
      params: {
        headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'TrentService.VerifyMac' },
        body: JSON.stringify({ ...generateMac, Mac: direct.body.Mac }),
      },
    });
    expect(result).toMatchObject({ statusCode: 200 });
    expect(JSON.parse((result as { body: string }).body)).toEqual({ KeyId: t.keys.CodeKey!.arn, MacValid: true, MacAlgorithm: 'HMAC_SHA_256' });
  });

  it('answers UnknownOperationException for an operation it does not serve and SerializationException for a body that is not JSON', async () => {
    expect((await t.call('Encrypt', { KeyId: 'alias/otp-code' })).body.__type).toBe('UnknownOperationException');
    expect((await t.call('ListKeys', {}, { rawBody: '{not json' })).body.__type).toBe('SerializationException');
    expect((await t.call('ListKeys', {}, { rawBody: '' })).status).toBe(200);
  });

  it("answers UnknownOperationException for names the operation table inherits from Object (constructor, toString, __proto__)", async () => {
    for (const inherited of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      const answer = await t.call(inherited, {});
      expect(answer.status, inherited).toBe(400);
      expect(answer.body.__type, inherited).toBe('UnknownOperationException');
    }
  });
});
