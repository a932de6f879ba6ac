/**
 * The token signing keys through a stack of their own (test/fixtures/token-rotation/app.ts, mid-rotation): the JWKS
 * publishes the signing key and the previous one, so tokens of both verify; and a KMS that cannot sign fails closed —
 * the answer stays VERIFIED (the session is), without a token, with a TokenUnavailable error beside it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DisableKeyCommand, EnableKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from 'appsync-local';
import { GenerateOtpDocument, VerificationDocument, VerifyOtpDocument } from '../infra/documents/generated/graphql.ts';
import { derToJose } from '../resolvers/lib/ecdsa-signature.ts';
import { graphql } from './support/graphql-client.ts';
import { codeIn, uniqueEmail, waitForEmail } from './support/inbox.ts';
import { otpEndpoints, type OtpEndpoints } from './support/otp-stack.ts';
import { testDynamoDbLocal } from '../local/test-support/dynamodb-local.ts';

const REPO_DIR = join(import.meta.dirname, '..');
const stateDir = mkdtempSync(join(tmpdir(), 'token-keys-'));
let stack: LocalStack;
let endpoints: OtpEndpoints;
let kms: KMSClient;

beforeAll(async () => {
  stack = await startLocalStack({
    app: 'node --import tsx test/fixtures/token-rotation/app.ts',
    stack: 'TokenRotation',
    appDir: REPO_DIR,
    stateDir,
    watch: false,
    dynamodbLocal: testDynamoDbLocal,
    log: () => {},
    outputEndpoints: { jwksUrl: 'JwksUrl' },
  });
  endpoints = otpEndpoints(stack.endpoints);
  kms = new KMSClient({ endpoint: endpoints.kmsUrl, region: endpoints.region, credentials: { ...endpoints.iam } });
}, 240_000);
afterAll(async () => {
  kms?.destroy();
  await stack?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

const output = (name: string) => endpoints.outputs[name]!;
const base64url = (value: string | Uint8Array) => Buffer.from(value).toString('base64url');

/** generateOtp, the code from the inbox, verifyOtp: the whole answer. */
async function verifyNewSession(label: string) {
  const email = uniqueEmail(label);
  const sessionId = (await graphql(endpoints, GenerateOtpDocument, { email })).body.data!.generateOtp.sessionId;
  const code = codeIn(await waitForEmail(endpoints, email));
  return { sessionId, email, answer: (await graphql(endpoints, VerifyOtpDocument, { sessionId, code })).body };
}

/** A token as the service signed them before the rotation: the same header and claims, signed by the previous key. */
async function tokenSignedBefore(claims: Record<string, unknown>): Promise<string> {
  const input = `${base64url(JSON.stringify({ alg: 'ES256', typ: 'JWT', kid: output('KeyBefore') }))}.${base64url(JSON.stringify(claims))}`;
  const { Signature } = await kms.send(
    new SignCommand({ KeyId: output('KeyBefore'), Message: Buffer.from(input), MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }),
  );
  return `${input}.${base64url(new Uint8Array(derToJose([...Signature!])!))}`;
}

describe('rotating the token signing key', () => {
  it('publishes the signing key and the previous one, the signing key first', async () => {
    const { keys } = (await (await fetch(endpoints.jwksUrl)).json()) as { keys: { kid: string }[] };
    expect(keys.map((key) => key.kid)).toEqual([output('KeyNow'), output('KeyBefore')]);
  });

  it('signs new tokens with the new key, and tokens of the previous key still verify', async () => {
    const jwks = createRemoteJWKSet(new URL(endpoints.jwksUrl));
    const expected = { issuer: endpoints.graphqlUrl, audience: output('DefaultAudience') };
    const { answer } = await verifyNewSession('rotation-new');
    const token = answer.data!.verifyOtp.token!;
    expect(decodeProtectedHeader(token).kid).toBe(output('KeyNow'));
    const { payload } = await jwtVerify(token, jwks, expected);

    const before = await tokenSignedBefore({ ...payload, jti: 'issued-before-the-rotation' });
    const verified = await jwtVerify(before, jwks, expected);
    expect(verified.protectedHeader.kid).toBe(output('KeyBefore'));
    expect(verified.payload.jti).toBe('issued-before-the-rotation');
  });
});

describe('when KMS cannot sign', () => {
  it('answers VERIFIED without a token and with a TokenUnavailable error; the session stays verified', async () => {
    await kms.send(new DisableKeyCommand({ KeyId: output('KeyNow') }));
    try {
      const { sessionId, answer } = await verifyNewSession('token-kms-down');
      expect(answer.data?.verifyOtp).toEqual({ verified: true, status: 'VERIFIED', attemptsRemaining: 0, token: null });
      expect(answer.errors).toEqual([
        expect.objectContaining({
          errorType: 'TokenUnavailable',
          message: 'The code was verified, but the verification token could not be issued.',
          path: ['verifyOtp'],
        }),
      ]);
      const lookup = await graphql(endpoints, VerificationDocument, { sessionId }, { iam: endpoints.iam, region: endpoints.region });
      expect(lookup.body.data?.verification?.state).toBe('VERIFIED');
    } finally {
      await kms.send(new EnableKeyCommand({ KeyId: output('KeyNow') }));
    }
    // Signing again once KMS is back.
    expect((await verifyNewSession('token-kms-back')).answer.data?.verifyOtp.token).toEqual(expect.any(String));
  });
});
