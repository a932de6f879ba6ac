/**
 * DefineAuthChallenge: defineDecision's rules, with the OTP session (and its mailbox's guard) read from the table when
 * the sign-in may go on: a session that is verified, expired or out of attempts, or a mailbox its failure budget
 * locked, ends the sign-in instead of asking for answers that cannot succeed.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DefineAuthChallengeTriggerEvent } from 'aws-lambda';
import { guardPk, sessionKey, type GuardItem, type SessionItem } from '../../../infra/model/index.ts';
import { lockedUntil } from '../../../resolvers/lib/mailbox-guard.ts';
import type { SignInConfig } from './config.ts';
import { defineDecision, type DefineDecision } from './define-decision.ts';
import { getItem } from './dynamodb-adapter.ts';
import { isOpenSignInSession } from './session-state.ts';

export interface DefineDependencies {
  config: SignInConfig;
  dynamoDb: DynamoDBClient;
  nowMillis: () => number;
}

/** The decision after the table was consulted: never `challengeIfOpen`. */
export type FinalDecision = Exclude<DefineDecision, { kind: 'challengeIfOpen' }>;

export async function defineChallenge(event: DefineAuthChallengeTriggerEvent, deps: DefineDependencies): Promise<FinalDecision> {
  const { config } = deps;
  const decision = defineDecision(event.request.session ?? [], config.flow, config.otp.maxAttempts);
  if (decision.kind !== 'challengeIfOpen') return decision;
  // No session (a user that does not exist): as long as a real one's would last, so the answers tell nothing.
  if (decision.sessionId === null) return { kind: 'challenge', challengeName: 'CUSTOM_CHALLENGE' };
  const session = await getItem<SessionItem>(deps.dynamoDb, config.otp.tableName, sessionKey(decision.sessionId));
  const nowSeconds = Math.floor(deps.nowMillis() / 1000);
  if (!isOpenSignInSession(session, nowSeconds, config.otp.maxAttempts)) return { kind: 'fail', reason: 'session closed (verified, expired or used up)' };
  const guard = await getItem<GuardItem>(deps.dynamoDb, config.otp.tableName, { pk: { S: guardPk(session.mailbox) } });
  if (lockedUntil(guard, nowSeconds) !== null) return { kind: 'fail', reason: 'mailbox locked (failure budget)' };
  return { kind: 'challenge', challengeName: 'CUSTOM_CHALLENGE' };
}

/** The decision as Cognito's response fields. */
export function defineResponse(decision: FinalDecision): DefineAuthChallengeTriggerEvent['response'] {
  if (decision.kind === 'issueTokens') return { issueTokens: true, failAuthentication: false, challengeName: '' };
  if (decision.kind === 'fail') return { issueTokens: false, failAuthentication: true, challengeName: '' };
  return { issueTokens: false, failAuthentication: false, challengeName: decision.challengeName };
}
