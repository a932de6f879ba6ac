import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, describe, expect, it } from 'vitest';
import { verifySigV4 } from '../../local/appsync/auth/sigv4.ts';
import { PublishError } from './errors.ts';
import { publishVerifiedEvent } from './publish-event.ts';
import { PUBLISH_OTP_VERIFIED } from './publish-mutation.ts';
import { processVerifiedRecord } from './process-verified-record.ts';
import { startFakeEndpoint } from '../../test/fixtures/functions/publish-verification-event/fake-endpoint.ts';
import { modifyRecord, sessionImage, smsSessionImage } from '../../test/fixtures/functions/publish-verification-event/stream-records.ts';

const credentials = { accessKeyId: 'LOCALTESTKEY', secretAccessKey: 'local-test-secret' };
const region = 'eu-west-1';
const event = { sessionId: 's-1', email: 'user@example.com', phoneNumber: null, verifiedAt: '2026-11-25T12:01:00.000Z' };
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** An endpoint that answers like AppSync: 401 for a bad signature (checked by the local engine's verifier). */
async function appSyncLike(result: (body: { variables: unknown }) => { status: number; body: unknown }) {
  const endpoint = await startFakeEndpoint(async (request) => {
    const failure = await verifySigV4({ ...request, query: {} }, credentials, region);
    if (failure) return { status: 401, body: JSON.stringify({ errors: [{ errorType: 'UnauthorizedException' }] }) };
    const answer = result(JSON.parse(request.body) as { variables: unknown });
    return { status: answer.status, body: JSON.stringify(answer.body) };
  });
  closers.push(endpoint.close);
  return endpoint;
}

describe('publishVerifiedEvent', () => {
  it('sends the SigV4-signed mutation with the event as variables', async () => {
    // Prepare
    const endpoint = await appSyncLike(({ variables }) => ({ status: 200, body: { data: { publishOtpVerified: variables } } }));
    // Act
    await publishVerifiedEvent(event, { graphqlUrl: endpoint.url, region }, credentials);
    // Assess
    expect(endpoint.received).toHaveLength(1);
    expect(JSON.parse(endpoint.received[0]!.body)).toEqual({ query: PUBLISH_OTP_VERIFIED, variables: event });
    expect(endpoint.received[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=LOCALTESTKEY\/\d{8}\/eu-west-1\/appsync\//);
  });

  it('throws PublishError when the signature is refused', async () => {
    const endpoint = await appSyncLike(() => ({ status: 200, body: {} }));
    const wrong = { ...credentials, secretAccessKey: 'not-the-secret' };
    await expect(publishVerifiedEvent(event, { graphqlUrl: endpoint.url, region }, wrong)).rejects.toThrow(/HTTP 401/);
  });

  it('throws PublishError on GraphQL errors and on a null result', async () => {
    const failing = await appSyncLike(() => ({
      status: 200,
      body: { data: { publishOtpVerified: null }, errors: [{ errorType: 'Unauthorized', message: 'Not Authorized' }] },
    }));
    await expect(publishVerifiedEvent(event, { graphqlUrl: failing.url, region }, credentials)).rejects.toThrow(
      new PublishError('publishOtpVerified failed: Unauthorized: Not Authorized'),
    );
    const empty = await appSyncLike(() => ({ status: 200, body: { data: { publishOtpVerified: null } } }));
    await expect(publishVerifiedEvent(event, { graphqlUrl: empty.url, region }, credentials)).rejects.toThrow(/no result/);
  });

  it('throws PublishError when nothing listens', async () => {
    const endpoint = await appSyncLike(() => ({ status: 200, body: {} }));
    await endpoint.close();
    closers.length = 0;
    await expect(publishVerifiedEvent(event, { graphqlUrl: endpoint.url, region }, credentials)).rejects.toBeInstanceOf(PublishError);
  });
});

describe('processVerifiedRecord', () => {
  const logger = new Logger({ logLevel: 'SILENT' });

  it('publishes the event of a session that became verified, and skips one that already was', async () => {
    const endpoint = await appSyncLike(({ variables }) => ({ status: 200, body: { data: { publishOtpVerified: variables } } }));
    const dependencies = { config: { graphqlUrl: endpoint.url, region }, credentials: () => credentials, logger };

    const published = await processVerifiedRecord(modifyRecord(sessionImage(), sessionImage({ status: { S: 'PENDING' } })), dependencies);
    const again = await processVerifiedRecord(modifyRecord(sessionImage({ emailedAt: { S: 'x' } }), sessionImage()), dependencies);

    expect([published, again]).toEqual(['published', 'skipped-not-a-verified-session']);
    expect(endpoint.received).toHaveLength(1);
  });

  it('publishes an SMS session\'s verification with its phone number and email null', async () => {
    const endpoint = await appSyncLike(({ variables }) => ({ status: 200, body: { data: { publishOtpVerified: variables } } }));
    const dependencies = { config: { graphqlUrl: endpoint.url, region }, credentials: () => credentials, logger };

    const published = await processVerifiedRecord(modifyRecord(smsSessionImage(), smsSessionImage({ status: { S: 'PENDING' } })), dependencies);

    expect(published).toBe('published');
    expect(JSON.parse(endpoint.received[0]!.body).variables).toEqual({
      sessionId: '6f1c0c8e-0000-4000-8000-000000000001',
      email: null,
      phoneNumber: '+447400123456',
      verifiedAt: '2026-11-25T12:01:00.000Z',
    });
  });
});
