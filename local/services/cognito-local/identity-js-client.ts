/**
 * AWS's own browser client, amazon-cognito-identity-js, wrapped in promises for the tests: each sign-in step resolves
 * to what the client's callbacks report (signed in, a custom challenge, a new password required, or the error the
 * client turned the answer into), so a test reads like the app code that drives it. Each pool gets its own in-memory
 * storage, so tests share no cached session.
 */
import { AuthenticationDetails, CognitoUser, CognitoUserAttribute, CognitoUserPool, type CognitoUserSession, type ICognitoStorage } from 'amazon-cognito-identity-js';

export type SignInStep =
  | { kind: 'signedIn'; session: CognitoUserSession }
  | { kind: 'customChallenge'; parameters: Record<string, string> }
  | { kind: 'newPasswordRequired'; userAttributes: Record<string, string> }
  | { kind: 'failed'; code: string; message: string };

class MemoryStorage implements ICognitoStorage {
  private readonly items = new Map<string, string>();
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
}

export function userPoolClient(endpoint: string, userPoolId: string, clientId: string): CognitoUserPool {
  return new CognitoUserPool({ UserPoolId: userPoolId, ClientId: clientId, endpoint, Storage: new MemoryStorage() });
}

function failure(error: unknown): SignInStep {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return { kind: 'failed', code: String(code), message: String(message) };
}

/** The callbacks of one sign-in step, resolving the promise with what happened. */
function stepCallbacks(resolve: (step: SignInStep) => void) {
  return {
    onSuccess: (session: CognitoUserSession) => resolve({ kind: 'signedIn', session }),
    onFailure: (error: unknown) => resolve(failure(error)),
    customChallenge: (parameters: Record<string, string>) => resolve({ kind: 'customChallenge', parameters }),
    newPasswordRequired: (userAttributes: Record<string, string>) => resolve({ kind: 'newPasswordRequired', userAttributes }),
  };
}

export function signUp(pool: CognitoUserPool, username: string, password: string, attributes: Record<string, string> = {}): Promise<{ userSub: string; confirmed: boolean } | { failed: string; message: string }> {
  const list = Object.entries(attributes).map(([Name, Value]) => new CognitoUserAttribute({ Name, Value }));
  return new Promise((resolve) =>
    pool.signUp(username, password, list, [], (error, result) => {
      if (error || !result) resolve({ failed: String((error as { code?: string } | undefined)?.code), message: String(error?.message) });
      else resolve({ userSub: result.userSub, confirmed: result.userConfirmed });
    }),
  );
}

export function confirmRegistration(user: CognitoUser, code: string): Promise<'SUCCESS' | { failed: string; message: string }> {
  return new Promise((resolve) =>
    user.confirmRegistration(code, false, (error) => resolve(error ? { failed: String((error as { code?: string }).code), message: String(error.message) } : 'SUCCESS')),
  );
}

/** authenticateUser with the user's flow type (USER_SRP_AUTH by default, CUSTOM_AUTH: SRP first, then custom). */
export function authenticate(user: CognitoUser, username: string, password: string): Promise<SignInStep> {
  return new Promise((resolve) => user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), stepCallbacks(resolve)));
}

/** Passwordless: initiateAuth with CUSTOM_AUTH and no SRP_A. */
export function initiateCustomAuth(user: CognitoUser, username: string): Promise<SignInStep> {
  user.setAuthenticationFlowType('CUSTOM_AUTH');
  return new Promise((resolve) => user.initiateAuth(new AuthenticationDetails({ Username: username }), stepCallbacks(resolve)));
}

export function answerCustomChallenge(user: CognitoUser, answer: string): Promise<SignInStep> {
  return new Promise((resolve) => user.sendCustomChallengeAnswer(answer, stepCallbacks(resolve)));
}

export function completeNewPassword(user: CognitoUser, password: string): Promise<SignInStep> {
  return new Promise((resolve) => user.completeNewPasswordChallenge(password, {}, stepCallbacks(resolve)));
}

/** getSession: the cached session, refreshed with the refresh token when its tokens expired. */
export function getSession(user: CognitoUser): Promise<CognitoUserSession> {
  return new Promise((resolve, reject) => user.getSession((error: Error | null, session: CognitoUserSession | null) => (error || !session ? reject(error) : resolve(session))));
}

export function refreshSession(user: CognitoUser, session: CognitoUserSession): Promise<CognitoUserSession | { failed: string; message: string }> {
  return new Promise((resolve) =>
    user.refreshSession(session.getRefreshToken(), (error: unknown, refreshed: CognitoUserSession) =>
      resolve(error ? { failed: String((error as { code?: string }).code), message: String((error as Error).message) } : refreshed),
    ),
  );
}

export function globalSignOut(user: CognitoUser): Promise<'SUCCESS' | { failed: string }> {
  return new Promise((resolve) => user.globalSignOut({ onSuccess: () => resolve('SUCCESS'), onFailure: (error) => resolve({ failed: String((error as { code?: string }).code) }) }));
}

export { CognitoUser };
