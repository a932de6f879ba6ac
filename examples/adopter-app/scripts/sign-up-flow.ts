/**
 * Signing a member up with an email code, as a front end does it: generateOtp on the OtpService API, the user types
 * the emailed code, verifyOtp, then the app's own signUp with the verified session.
 */

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

const GENERATE_OTP = 'mutation ($email: AWSEmail!) { generateOtp(email: $email) { sessionId expiresAt } }';
const VERIFY_OTP = 'mutation ($sessionId: ID!, $code: String!) { verifyOtp(sessionId: $sessionId, code: $code) { verified status attemptsRemaining } }';
const SIGN_UP = 'mutation ($sessionId: ID!, $name: String!) { signUp(sessionId: $sessionId, name: $name) { email name joinedAt } }';

/** One GraphQL call with an API key; GraphQL errors are thrown with their message. */
export async function call<T>(api: { graphqlUrl: string; apiKey: string }, query: string, variables: Record<string, unknown>): Promise<T> {
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
  const data = await call<{ generateOtp: { sessionId: string } }>(endpoints.otp, GENERATE_OTP, { email });
  return data.generateOtp.sessionId;
}

/** Checks the code; resolves with whether it was right (throws when the session can take no more codes). */
export async function verifyCode(endpoints: AppEndpoints, sessionId: string, code: string): Promise<boolean> {
  const data = await call<{ verifyOtp: { verified: boolean; status: string } }>(endpoints.otp, VERIFY_OTP, { sessionId, code });
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
