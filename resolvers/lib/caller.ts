/**
 * Step-up for signed-in users: who is calling, as generateOtp and verifyOtp need to know it, and what that lets them
 * do. A caller with a token of the API's Cognito user pool (AMAZON_COGNITO_USER_POOLS) is a signed-in user: the code
 * goes to the email of their token, and only they may verify the session. API-key and IAM callers name the address
 * and may verify any session that no user started.
 *
 * Pure: the resolvers pass in `util.authType()` and `ctx.identity` (AppSync fills `sub` and `claims` for user-pool
 * callers, resolver-context-reference-js), so the same rules are testable in Node and in the APPSYNC_JS runtime.
 */
import type { AppSyncIdentityCognito, Identity } from '@aws-appsync/utils';
import { USER_SUB_ATTRIBUTE, type SessionItem } from '../../infra/model/index.ts';
import { hasDeliverableLength, normalizeEmail } from './input.ts';
import { canonicalMailbox } from './mailbox.ts';

/** `util.authType()` for a request authorized by a Cognito user pool token (runtime-utils-js lists the four names). */
export const USER_POOL_AUTH_TYPE = 'User Pool Authorization';
/** The `token_use` claim of a Cognito ID token, the token that carries the user's `email`. */
export const ID_TOKEN_USE = 'id';

/** A caller signed in to the API's user pool. */
export interface SignedInUser {
  /** The user's `sub`: stable for the life of the user, unlike the email or the username. */
  sub: string;
  /**
   * The `email` claim, trimmed and lower-cased; null when the token has none. Only an ID token carries it (an access
   * token never does), and only for a user who has an email attribute.
   */
  email: string | null;
  /** Whether the token is an ID token (`token_use: id`). */
  idToken: boolean;
}

/** The signed-in user making this request, or null for any other caller (API key, IAM). */
export function signedInUser(authType: string, identity: Identity): SignedInUser | null {
  if (authType !== USER_POOL_AUTH_TYPE || !identity) return null;
  const cognito = identity as AppSyncIdentityCognito;
  const claims = (cognito.claims ?? {}) as Record<string, unknown>;
  const sub = typeof cognito.sub === 'string' && cognito.sub !== '' ? cognito.sub : claims.sub;
  // AppSync only authorizes a pool token with a sub; without one there is nobody to bind the session to.
  if (typeof sub !== 'string' || sub === '') return null;
  const email = claims.email;
  return {
    sub,
    email: typeof email === 'string' && email.trim() !== '' ? normalizeEmail(email) : null,
    idToken: claims.token_use === ID_TOKEN_USE,
  };
}

/** The sub a session is bound to when this caller starts it or verifies it: the signed-in user's, else none. */
export function callerSub(authType: string, identity: Identity): string | null {
  return signedInUser(authType, identity)?.sub ?? null;
}

/** Where generateOtp sends the code, and whom the session is bound to; or why it refuses (nothing is written then). */
export type Destination =
  | { ok: true; email: string; userSub?: string }
  | { ok: false; errorType: 'BadRequest' | 'Unauthorized'; message: string };

export const EMAIL_REQUIRED_MESSAGE = 'An email address is required.';
export const ID_TOKEN_REQUIRED_MESSAGE =
  'Signed-in users call generateOtp with their ID token, which carries their email address (an access token does not).';
export const NOT_OWN_EMAIL_MESSAGE = 'A signed-in user can only request a code for the email address of their own account.';
export const UNDELIVERABLE_MESSAGE = 'The email address is too long to deliver to.';

/**
 * generateOtp's destination. API-key and IAM callers must name `email`. A signed-in user gets the code at the email of
 * their ID token, whether or not they name it; naming another mailbox (canonical forms differ, lib/mailbox.ts) is
 * Unauthorized. The code then goes to the token's address, not to a variant they named: the canonical form is a
 * conservative key for limits, not proof that `bob+x@corp` reaches `bob@corp`.
 *
 * An unverified `email_verified` is not refused: the code proves control of the address, which is what step-up asks.
 */
export function chooseDestination(email: string | null | undefined, user: SignedInUser | null): Destination {
  if (!user) {
    if (email === null || email === undefined) return { ok: false, errorType: 'BadRequest', message: EMAIL_REQUIRED_MESSAGE };
    const normalized = normalizeEmail(email);
    if (!hasDeliverableLength(normalized)) return { ok: false, errorType: 'BadRequest', message: UNDELIVERABLE_MESSAGE };
    return { ok: true, email: normalized };
  }
  if (!user.idToken || user.email === null) return { ok: false, errorType: 'BadRequest', message: ID_TOKEN_REQUIRED_MESSAGE };
  // The claim is the pool's attribute, not checked by AWSEmail as an argument is: it must at least look deliverable.
  if (!hasDeliverableLength(user.email)) return { ok: false, errorType: 'BadRequest', message: UNDELIVERABLE_MESSAGE };
  if (email !== null && email !== undefined && canonicalMailbox(normalizeEmail(email)) !== canonicalMailbox(user.email)) {
    return { ok: false, errorType: 'Unauthorized', message: NOT_OWN_EMAIL_MESSAGE };
  }
  return { ok: true, email: user.email, userSub: user.sub };
}

/** Whether `caller` (a signed-in user's sub, or null) may count attempts on and verify `session`. */
export function mayVerify(session: Pick<SessionItem, 'userSub'>, caller: string | null): boolean {
  return !session.userSub || session.userSub === caller;
}

/** A DynamoDB condition (`#userSub` names {@link USER_SUB_ATTRIBUTE}) that holds exactly when {@link mayVerify} does. */
export function verifierCondition(caller: string | null): {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, { S: string }>;
} {
  if (caller === null) {
    return { expression: 'attribute_not_exists(#userSub)', expressionNames: { '#userSub': USER_SUB_ATTRIBUTE }, expressionValues: {} };
  }
  return {
    expression: '(attribute_not_exists(#userSub) OR #userSub = :callerSub)',
    expressionNames: { '#userSub': USER_SUB_ATTRIBUTE },
    expressionValues: { ':callerSub': { S: caller } },
  };
}
