import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpDataSource } from '../../appsync/data-sources/http-data-source.ts';
import { CREDENTIALS, errorOf, REGION, startTestSns, type TestSns } from './test-sns.ts';

let t: TestSns;
beforeAll(async () => {
  t = await startTestSns();
});
afterAll(() => t?.stop());

const publish = { PhoneNumber: '+4915112345678', Message: '123456 is your code' };
const SIGNATURE_MISMATCH = /^The request signature we calculated does not match the signature you provided/;

describe('who may call the local SNS (SigV4, service sns; the query front end\'s XML errors)', () => {
  it('publishes a correctly signed request, answering SNS\'s XML with the request id in body and header', async () => {
    const answer = await t.call('Publish', { params: publish });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/xml');
    const requestId = answer.headers['x-amzn-requestid'];
    expect(answer.body).toMatch(
      new RegExp(
        '^<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>[0-9a-f-]{36}</MessageId></PublishResult>' +
          `<ResponseMetadata><RequestId>${String(requestId)}</RequestId></ResponseMetadata></PublishResponse>$`,
      ),
    );
  });

  it('refuses an unsigned request, unknown credentials and a wrong secret, as the front end does', async () => {
    const unsigned = await t.call('Publish', { params: publish, sign: false });
    expect(unsigned.status).toBe(403);
    expect(unsigned.body).toBe(
      '<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>MissingAuthenticationToken</Code>' +
        `<Message>Request is missing Authentication Token</Message></Error><RequestId>${String(unsigned.headers['x-amzn-requestid'])}</RequestId></ErrorResponse>`,
    );
    const stranger = await t.call('Publish', { params: publish, credentials: { accessKeyId: 'AKIASTRANGER00000000', secretAccessKey: 'x' } });
    expect({ status: stranger.status, ...errorOf(stranger) }).toEqual({
      status: 403,
      code: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
    });
    const wrongSecret = await t.call('Publish', { params: publish, credentials: { ...CREDENTIALS, secretAccessKey: 'guessed' } });
    expect(wrongSecret.status).toBe(403);
    expect(errorOf(wrongSecret).code).toBe('SignatureDoesNotMatch');
    expect(errorOf(wrongSecret).message).toMatch(SIGNATURE_MISMATCH);
    expect(t.sns.inbox().messages).toHaveLength(1);
  });

  it('refuses a signed request whose body or signature was changed on the way', async () => {
    const otherBody = await t.call('Publish', { params: publish, sentBody: new URLSearchParams({ Action: 'Publish', Version: '2010-03-31', ...publish, PhoneNumber: '+4915199999999' }).toString() });
    expect(errorOf(otherBody).code).toBe('SignatureDoesNotMatch');
    const flipped = await t.call('Publish', {
      params: publish,
      tamper: (headers) => void (headers.authorization = headers.authorization!.replace(/Signature=(.)/, (_, c: string) => `Signature=${c === 'a' ? 'b' : 'a'}`)),
    });
    expect(errorOf(flipped).message).toMatch(SIGNATURE_MISMATCH);
  });

  it("refuses a signature for another service, another region, or another region's host", async () => {
    expect(errorOf(await t.call('Publish', { params: publish, service: 'sqs' }))).toEqual({
      code: 'SignatureDoesNotMatch',
      message: "Credential should be scoped to correct service: 'sns'. ",
    });
    expect(errorOf(await t.call('Publish', { params: publish, signingRegion: 'us-east-1' }))).toEqual({
      code: 'SignatureDoesNotMatch',
      message: 'Credential should be scoped to a valid region. ',
    });
    const otherRegionHost = await t.call('Publish', { params: publish, host: 'sns.us-east-1.amazonaws.com' });
    expect(errorOf(otherRegionHost)).toMatchObject({ code: 'SignatureDoesNotMatch', message: expect.stringContaining("'sns.us-east-1.amazonaws.com'") });
    expect(errorOf(await t.call('Publish', { params: publish, host: 'sns.eu-west-1.evil.example' })).code).toBe('SignatureDoesNotMatch');
  });

  it('refuses a signature more than 5 minutes old or ahead, and one that leaves host unsigned', async () => {
    const stale = await t.call('Publish', { params: publish, signingDate: new Date(Date.now() - 6 * 60 * 1000) });
    expect({ status: stale.status, ...errorOf(stale) }).toMatchObject({
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: expect.stringMatching(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/),
    });
    const ahead = await t.call('Publish', { params: publish, signingDate: new Date(Date.now() + 6 * 60 * 1000) });
    expect(errorOf(ahead).message).toMatch(/^Signature not yet current: /);
    const hostless = await t.call('Publish', {
      params: publish,
      tamper: (headers) => void (headers.authorization = headers.authorization!.replace(/SignedHeaders=([^,]*)/, (_, list: string) => `SignedHeaders=${list.split(';').filter((name) => name !== 'host').join(';')}`)),
    });
    expect({ status: hostless.status, code: errorOf(hostless).code }).toEqual({ status: 400, code: 'IncompleteSignature' });
  });

  it('answers InvalidAction for an action it does not serve, MissingAction without one, and never runs an inherited name', async () => {
    expect(errorOf(await t.call('CreatePlatformApplication', { params: { Name: 'app', Platform: 'GCM' } })).code).toBe('InvalidAction');
    expect(errorOf(await t.call('constructor')).code).toBe('InvalidAction');
    expect(errorOf(await t.call('__proto__')).code).toBe('InvalidAction');
    expect(errorOf(await t.call('', { params: { Action: '' } })).code).toBe('MissingAction');
  });

  it('accepts a request signed for sns.<region>.amazonaws.com: what an AppSync HTTP data source sends through an endpoint override', async () => {
    const direct = await t.call('Publish', { params: publish, host: `sns.${REGION}.amazonaws.com` });
    expect(direct.status).toBe(200);
    // The engine's own HTTP data source, signing as AppSync does (AWS_IAM, service sns), overridden to the local SNS.
    const dataSource = createHttpDataSource(
      { name: 'sns', type: 'HTTP', endpoint: `https://sns.${REGION}.amazonaws.com`, iamSigning: { region: REGION, service: 'sns' } },
      { signingCredentials: CREDENTIALS, endpointOverrides: { [t.sns.awsEndpoint]: t.sns.url } },
    );
    // Parameters in the query string (a form body works too: services/ses-events/local-stack.test.ts).
    const { result } = await dataSource.invoke({
      method: 'POST',
      resourcePath: '/',
      params: { query: { Action: 'Publish', Version: '2010-03-31', PhoneNumber: '+4915112340000', Message: 'from AppSync & co' } },
    });
    expect(result).toMatchObject({ statusCode: 200, body: expect.stringContaining('<PublishResponse') });
    expect(t.sns.inbox().messages.at(-1)).toMatchObject({ phoneNumber: '+4915112340000', message: 'from AppSync & co' });
  });
});
