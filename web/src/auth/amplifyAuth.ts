/**
 * The sign-in pages' only contact with Amplify Auth (`aws-amplify/auth`): each call returns where the sign-in goes next
 * (signInOutcome.ts) instead of throwing. Imported only by the sign-in views, which App.vue loads with a dynamic
 * import: Amplify stays out of the verify page's JavaScript (web/build-budget.ts checks it).
 *
 * Every call here honours `userPoolEndpoint` (checked in @aws-amplify/auth 6.21: signIn's InitiateAuth and
 * RespondToAuthChallenge, confirmSignIn's RespondToAuthChallenge, the token refresh behind fetchAuthSession, and
 * signOut's RevokeToken all build their endpoint with `createCognitoUserPoolEndpointResolver({ endpointOverride:
 * userPoolEndpoint })`); without it they go to `https://cognito-idp.<region>.amazonaws.com`, the region read from
 * the pool id.
 */
import { Amplify } from 'aws-amplify';
import { confirmSignIn, fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import type { CognitoConfig } from './cognitoConfig.ts';
import { shownClaims, type ShownClaims } from './idTokenClaims.ts';
import {
  describeSignInError,
  describeSignInOutput,
  type CodeChallenge,
  type SignInMode,
  type SignInProblem,
  type SignInStep,
} from './signInOutcome.ts';

let configured: CognitoConfig | null = null;

/** Points Amplify at the pool; once per configuration (Amplify keeps it globally). */
export function configureAuth(config: CognitoConfig): void {
  if (configured === config) return;
  Amplify.configure({ Auth: { Cognito: { ...config } } });
  configured = config;
}

/**
 * Starts a sign-in: the email alone (passwordless, `CUSTOM_WITHOUT_SRP`) or email and password proven with SRP
 * (`CUSTOM_WITH_SRP`: the password never leaves the browser), both ending in the code challenge.
 */
export async function startSignIn(mode: SignInMode, email: string, password: string, fallbackCodeLength: number): Promise<SignInStep> {
  try {
    const output =
      mode === 'passwordless'
        ? await signIn({ username: email, options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } })
        : await signIn({ username: email, password, options: { authFlowType: 'CUSTOM_WITH_SRP' } });
    return describeSignInOutput(output, fallbackCodeLength, false);
  } catch (error) {
    // Someone is signed in already (another tab, or before a reload): show them rather than an error.
    if (errorName(error) === 'UserAlreadyAuthenticatedException') return { kind: 'signedIn' };
    return { kind: 'problem', problem: describeSignInError(asAuthError(error), { name: 'start', mode }) };
  }
}

/** Answers the code challenge with the code the person typed (sent to Cognito, never kept or logged here). */
export async function answerCode(code: string, challenge: CodeChallenge): Promise<SignInStep> {
  try {
    return describeSignInOutput(await confirmSignIn({ challengeResponse: code }), challenge.codeLength, true);
  } catch (error) {
    return { kind: 'problem', problem: describeSignInError(asAuthError(error), { name: 'answer', challenge, nowMs: Date.now() }) };
  }
}

/** The signed-in user's ID-token claims (refreshing expired tokens), or null when nobody is signed in. */
export async function currentClaims(): Promise<{ ok: true; claims: ShownClaims | null } | { ok: false; problem: SignInProblem }> {
  try {
    const { tokens } = await fetchAuthSession();
    return { ok: true, claims: tokens?.idToken ? shownClaims(tokens.idToken.payload) : null };
  } catch (error) {
    return { ok: false, problem: describeSignInError(asAuthError(error), { name: 'start', mode: 'passwordless' }) };
  }
}

/** Signs out: the refresh token is revoked at the pool and the tokens leave the browser's storage. */
export async function endSession(): Promise<SignInProblem | null> {
  try {
    await signOut();
    return null;
  } catch (error) {
    return describeSignInError(asAuthError(error), { name: 'start', mode: 'passwordless' });
  }
}

function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

function asAuthError(error: unknown): { name?: string; message?: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) };
}
