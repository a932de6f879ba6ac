/**
 * CreateAuthChallenge: the OTP session behind a sign-in's custom challenge.
 * - The first challenge of a sign-in starts a session with generateOtp's send transaction (the same builders:
 *   resolvers/lib/send-refusal.ts's sendTransaction, send limits, budgets, mailbox guard, canonical mailbox), marked
 *   as a sign-in session (purpose, audience `cognito:<clientId>`). The table's stream then has the email function
 *   draw, MAC and send the code, exactly as for generateOtp: this trigger never sees a code.
 * - A later challenge of the same sign-in (after a wrong answer) reuses that session while it is open, so a wrong
 *   answer does not send another code.
 * - A user that does not exist (existence errors prevented) gets a challenge that looks the same and has no session.
 * - A refused send (send limits, budgets, mailbox locked) depends on who asks. Before a password was proven in this
 *   sign-in (passwordless), it is answered exactly like the no-user challenge: a refusal only an account can earn
 *   (e.g. the resend cooldown) would otherwise tell anyone which addresses have accounts. After the password (MFA),
 *   the caller already knows the account exists, so the sign-in fails with the refusal's errorType and retry time.
 * - Once a sign-in got a no-session challenge it keeps it (same expiry, one attempt less per answer): a later
 *   challenge never starts a session, so a refused sign-in cannot turn into a real one halfway, as no-user's cannot.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { CreateAuthChallengeTriggerEvent } from 'aws-lambda';
import {
  PURPOSE_ATTRIBUTE,
  SIGN_IN_PURPOSE,
  canonicalLocaleTag,
  sessionKey,
  signInAudience,
  type GuardItem,
  type RateItem,
  type SessionItem,
} from '../../../infra/model/index.ts';
import { hasDeliverableLength, normalizeEmail } from '../../../resolvers/lib/input.ts';
import { MAILBOX_LOCKED_MESSAGE } from '../../../resolvers/lib/mailbox-guard.ts';
import { canonicalMailbox, mailboxDomain } from '../../../resolvers/lib/mailbox.ts';
import { budgetWindowEnd, countInBudgets } from '../../../resolvers/lib/send-budgets.ts';
import { BUDGET_MESSAGE, RATE_LIMIT_MESSAGE } from '../../../resolvers/lib/send-limits.ts';
import { sendRefusal, sendTransaction } from '../../../resolvers/lib/send-refusal.ts';
import { newSessionAttributes } from '../../../resolvers/lib/session.ts';
import { epochSecondsToIso } from '../../../resolvers/lib/time.ts';
import { noSessionExpiry, noSessionMetadata, publicChallengeParameters, sessionIdOfMetadata, sessionMetadata } from './challenge.ts';
import type { SignInConfig } from './config.ts';
import { passwordProven } from './define-decision.ts';
import { getItem, runTransactWrite } from './dynamodb-adapter.ts';
import { SignInRefusedError } from './errors.ts';
import { isOpenSignInSession } from './session-state.ts';

export interface CreateDependencies {
  config: SignInConfig;
  dynamoDb: DynamoDBClient;
  nowMillis: () => number;
  newSessionId: () => string;
}

/** What the trigger answers, and what it did (for the log: never the address or the code). */
export interface CreatedChallenge {
  response: CreateAuthChallengeTriggerEvent['response'];
  /** `refused`: a send refused before any password, answered as `noUser` (`errorType` says why, for the log only). */
  outcome: 'started' | 'reused' | 'noUser' | 'refused';
  sessionId?: string;
  errorType?: string;
}

export async function createChallenge(event: CreateAuthChallengeTriggerEvent, deps: CreateDependencies): Promise<CreatedChallenge> {
  const { config } = deps;
  if (event.request.challengeName !== 'CUSTOM_CHALLENGE') throw new Error(`Unexpected challenge ${event.request.challengeName}`);
  const nowMillis = deps.nowMillis();
  const nowSeconds = Math.floor(nowMillis / 1000);
  const rawEmail = event.request.userAttributes.email;
  const email = typeof rawEmail === 'string' ? normalizeEmail(rawEmail) : '';
  const answers = event.request.session.filter((step) => step.challengeName === 'CUSTOM_CHALLENGE');
  const lastMetadata = answers.at(-1)?.challengeMetadata;
  if (event.request.userNotFound === true || !email || !hasDeliverableLength(email) || noSessionExpiry(lastMetadata) !== null) {
    return { outcome: 'noUser', response: noSessionResponse(lastMetadata, answers.length, nowSeconds, config) };
  }
  const mailbox = canonicalMailbox(email);

  const previousId = sessionIdOfMetadata(lastMetadata);
  if (previousId) {
    const previous = await getItem<SessionItem>(deps.dynamoDb, config.otp.tableName, sessionKey(previousId));
    // The same person's open session (the address may have changed since: then a new one goes to the new address).
    if (isOpenSignInSession(previous, nowSeconds, config.otp.maxAttempts) && previous.mailbox === mailbox) {
      return { outcome: 'reused', sessionId: previousId, response: challengeResponse(previousId, previous.expiresAt, previous.attempts, config) };
    }
  }

  const sessionId = deps.newSessionId();
  const stash = { sessionId, nowSeconds, expiresAt: nowSeconds + config.otp.ttlSeconds };
  const locale = canonicalLocaleTag(event.request.userAttributes.locale ?? '') ?? undefined;
  const request = sendTransaction({
    tableName: config.otp.tableName,
    stash,
    sessionAttributes: {
      ...newSessionAttributes({ sessionId, email, mailbox, audience: signInAudience(event.callerContext.clientId), locale, nowMillis, expiresAt: stash.expiresAt }),
      [PURPOSE_ATTRIBUTE]: { S: SIGN_IN_PURPOSE },
    },
    destination: mailbox,
    limits: config.sendLimits,
    budgets: countInBudgets(config.otp.tableName, { sessionId, domain: mailboxDomain(mailbox), nowSeconds }, config.sendBudgets),
  });
  const result = await runTransactWrite<RateItem | GuardItem>(deps.dynamoDb, request);
  const refusal = sendRefusal(result, nowSeconds, config.sendLimits, {
    lockedMessage: MAILBOX_LOCKED_MESSAGE,
    limitMessage: RATE_LIMIT_MESSAGE,
    budgetMessage: BUDGET_MESSAGE,
    budgetWindowEnd: budgetWindowEnd(nowSeconds),
  });
  if (refusal && !passwordProven(event.request.session)) {
    return { outcome: 'refused', errorType: refusal.errorType, response: noSessionResponse(lastMetadata, answers.length, nowSeconds, config) };
  }
  if (refusal) throw new SignInRefusedError(refusal.errorType, `${refusal.message} Retry after ${epochSecondsToIso(refusal.retry.atSeconds)}`);
  // Cancelled for another reason (the session put's condition, a conflict the limits do not explain): no session.
  if (result.cancellationReasons) throw new Error('The sign-in code could not be requested.');
  return { outcome: 'started', sessionId, response: challengeResponse(sessionId, stash.expiresAt, 0, config) };
}

/**
 * The challenge of a sign-in without a session (no such user, or a refused send before any password): it looks like
 * a real user's first challenge (same parameters, same expiry throughout, one attempt less per answer); nothing is
 * written or sent, and no answer is ever right (Verify finds no session id).
 */
function noSessionResponse(
  lastMetadata: string | null | undefined,
  answered: number,
  nowSeconds: number,
  config: SignInConfig,
): CreateAuthChallengeTriggerEvent['response'] {
  const expiresAt = noSessionExpiry(lastMetadata) ?? nowSeconds + config.otp.ttlSeconds;
  return {
    publicChallengeParameters: publicChallengeParameters({ expiresAt, codeLength: config.codeLength, attemptsRemaining: config.otp.maxAttempts - answered }),
    privateChallengeParameters: {},
    challengeMetadata: noSessionMetadata(expiresAt),
  };
}

function challengeResponse(
  sessionId: string,
  expiresAt: number,
  attempts: number,
  config: SignInConfig,
): CreateAuthChallengeTriggerEvent['response'] {
  return {
    publicChallengeParameters: publicChallengeParameters({
      expiresAt,
      codeLength: config.codeLength,
      attemptsRemaining: config.otp.maxAttempts - attempts,
    }),
    privateChallengeParameters: { sessionId },
    challengeMetadata: sessionMetadata(sessionId),
  };
}
