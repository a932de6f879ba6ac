/**
 * Signing a member up with an email code, as a front end does it: generateOtp on the OtpService API, the user types
 * the emailed code, verifyOtp, then the app's own signUp with the verified session. The OtpService operations are the
 * typed documents the construct package ships (`otp-appsync-cdk/documents`).
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { GenerateOtpDocument, VerifyOtpDocument } from 'otp-appsync-cdk/documents';

/** The two APIs of the stack, as the endpoints file (`appsync-local start`) or the stack's outputs give them. */
export interface AppEndpoints {
  otp: { graphqlUrl: string; apiKey: string };
  members: { graphqlUrl: string; apiKey: string };
}

export interface Member {
  email: string;
  name: string;
  joinedAt: string;
}

const SIGN_UP = 'mutation ($sessionId: ID!, $name: String!) { signUp(sessionId: $sessionId, name: $name) { email name joinedAt } }';

/** One GraphQL call with an API key (a typed document, or the app's own query text); GraphQL errors are thrown. */
export async function call<T, V extends Record<string, unknown> = Record<string, unknown>>(
  api: { graphqlUrl: string; apiKey: string },
  document: string | TypedDocumentNode<T, V>,
  variables: V,
): Promise<T> {
  const query = typeof document === 'string' ? document : print(document);
  const response = await fetch(api.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': api.apiKey },
    body: JSON.stringify({ query, variables }),
  });
  const answer = (await response.json()) as { data?: T; errors?: { message: string; errorType?: string }[] };
  if (answer.errors?.length) throw new Error(answer.errors.map((error) => error.message).join('; '));
  if (!answer.data) throw new Error(`HTTP ${response.status} without data`);
  return answer.data;
}

/** Sends the code; resolves with the session to verify. */
export async function requestCode(endpoints: AppEndpoints, email: string): Promise<string> {
  const data = await call(endpoints.otp, GenerateOtpDocument, { email });
  return data.generateOtp.sessionId;
}

/** Checks the code; resolves with whether it was right (throws when the session can take no more codes). */
export async function verifyCode(endpoints: AppEndpoints, sessionId: string, code: string): Promise<boolean> {
  const data = await call(endpoints.otp, VerifyOtpDocument, { sessionId, code });
  if (!data.verifyOtp.verified && data.verifyOtp.status !== 'INVALID_CODE') throw new Error(`The code cannot be checked: ${data.verifyOtp.status}.`);
  return data.verifyOtp.verified;
}

/** The app's own mutation: a member for the session's verified email. */
export async function signUp(endpoints: AppEndpoints, sessionId: string, name: string): Promise<Member> {
  const data = await call<{ signUp: Member }>(endpoints.members, SIGN_UP, { sessionId, name });
  return data.signUp;
}

/** Reads the local stack's endpoints file into the two APIs (by their names in the stack). */
export function appEndpoints(file: { apis: Record<string, { graphqlUrl: string; apiKey?: string }> }): AppEndpoints {
  const api = (name: string) => {
    const found = file.apis[name];
    if (!found?.apiKey) throw new Error(`The endpoints file has no API ${name} with a key: is the stack running?`);
    return { graphqlUrl: found.graphqlUrl, apiKey: found.apiKey };
  };
  return { otp: api('members-otp-api'), members: api('members-api') };
}
