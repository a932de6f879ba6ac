import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { OtpEndpoints } from './otp-stack.ts';

export interface GraphQLError {
  message: string;
  errorType?: string | null;
  errorInfo?: unknown;
  path?: (string | number)[] | null;
}

export interface GraphQLAnswer<T = Record<string, unknown>> {
  status: number;
  body: { data?: T | null; errors?: GraphQLError[] };
}

/** AWS credentials as the SDK's providers return them (a session token for roles). */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export type Auth = { apiKey: string } | { iam: Credentials; region: string } | 'none';

/** Sends one GraphQL request to the local endpoint the way a client would, with the given auth. */
export async function graphql<T = Record<string, unknown>>(
  endpoints: OtpEndpoints,
  query: string,
  variables: Record<string, unknown> = {},
  auth: Auth = { apiKey: endpoints.apiKey },
): Promise<GraphQLAnswer<T>> {
  const body = JSON.stringify({ query, variables });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth !== 'none' && 'apiKey' in auth) headers['x-api-key'] = auth.apiKey;
  if (auth !== 'none' && 'iam' in auth) Object.assign(headers, await signIam(endpoints.graphqlUrl, body, auth));
  const response = await fetch(endpoints.graphqlUrl, { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as GraphQLAnswer<T>['body'] };
}

/**
 * SigV4 headers for a POST to AppSync (service `appsync`), as the AWS SDKs and Amplify sign it. `unsignedHeaders`
 * leaves headers out of the signature (attack tests only).
 */
export async function signIam(
  url: string,
  body: string,
  auth: { iam: Credentials; region: string },
  unsignedHeaders?: Set<string>,
): Promise<Record<string, string>> {
  const target = new URL(url);
  const signer = new SignatureV4({
    service: 'appsync',
    region: auth.region,
    credentials: auth.iam,
    sha256: Sha256,
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: target.protocol,
      hostname: target.hostname,
      port: Number(target.port),
      path: target.pathname,
      headers: { 'content-type': 'application/json', host: target.host },
      body,
    }),
    { unsignableHeaders: unsignedHeaders },
  );
  return signed.headers;
}

export const GENERATE_OTP = /* GraphQL */ `
  mutation GenerateOtp($email: AWSEmail!) {
    generateOtp(email: $email) {
      sessionId
      expiresAt
    }
  }
`;

export const VERIFY_OTP = /* GraphQL */ `
  mutation VerifyOtp($sessionId: ID!, $code: String!) {
    verifyOtp(sessionId: $sessionId, code: $code) {
      verified
      status
      attemptsRemaining
    }
  }
`;

export const VERIFICATION = /* GraphQL */ `
  query Verification($sessionId: ID!) {
    verification(sessionId: $sessionId) {
      sessionId
      email
      state
      verifiedAt
    }
  }
`;

export interface GenerateOtpData {
  generateOtp: { sessionId: string; expiresAt: string } | null;
}

export interface VerifyOtpData {
  verifyOtp: { verified: boolean; status: string; attemptsRemaining: number } | null;
}
