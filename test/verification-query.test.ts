import { describe, expect, it } from 'vitest';
import { GenerateOtpDocument, VerificationDocument, VerifyOtpDocument } from '../infra/documents/generated/graphql.ts';
import { graphql } from './support/graphql-client.ts';
import { codeIn, uniqueEmail, waitForEmail } from './support/inbox.ts';
import { sharedEndpoints } from './support/shared-stack.ts';

const endpoints = await sharedEndpoints();
const iam = { iam: endpoints.iam, region: endpoints.region };

describe('Query.verification (backend services, IAM only)', () => {
  it('tells a signed caller that a session was verified, and when', async () => {
    const email = uniqueEmail('lookup');
    const generated = await graphql(endpoints, GenerateOtpDocument, { email });
    const sessionId = generated.body.data!.generateOtp!.sessionId;
    const pending = await graphql(endpoints, VerificationDocument, { sessionId }, iam);
    expect(pending.body.data?.verification).toMatchObject({ sessionId, email, state: 'PENDING', verifiedAt: null });

    const code = codeIn(await waitForEmail(endpoints, email));
    await graphql(endpoints, VerifyOtpDocument, { sessionId, code });
    const answer = await graphql(endpoints, VerificationDocument, { sessionId }, iam);
    expect(answer.status).toBe(200);
    expect(answer.body.data?.verification).toMatchObject({ sessionId, email, state: 'VERIFIED' });
    expect(Date.now() - Date.parse(answer.body.data!.verification!.verifiedAt!)).toBeLessThan(60_000);
  });

  it('answers null for an unknown session', async () => {
    const answer = await graphql(endpoints, VerificationDocument, { sessionId: '0b8f0f7e-0000-4000-8000-000000000000' }, iam);
    expect(answer.body).toEqual({ data: { verification: null } });
  });

  it('is not readable with the API key', async () => {
    const answer = await graphql(endpoints, VerificationDocument, { sessionId: '0b8f0f7e-0000-4000-8000-000000000000' });
    expect(answer.status).toBe(200);
    expect(answer.body.data?.verification ?? null).toBeNull();
    expect(answer.body.errors?.[0]).toMatchObject({
      errorType: 'Unauthorized',
      message: 'Not Authorized to access verification on type Query',
    });
  });

  it('refuses a request signed with the wrong secret', async () => {
    const forged = { iam: { ...endpoints.iam, secretAccessKey: 'not-the-secret' }, region: endpoints.region };
    const answer = await graphql(endpoints, VerificationDocument, { sessionId: '0b8f0f7e-0000-4000-8000-000000000000' }, forged);
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.[0]?.errorType).toBe('UnauthorizedException');
  });
});
