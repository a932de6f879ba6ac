/**
 * The attempt count that comes before every code check (verifyOtp step 1, and the Cognito sign-in factor's
 * VerifyAuthChallengeResponse trigger): one conditional UpdateItem adds the attempt to a session that is PENDING,
 * unexpired, has attempts left and has been sent a code, and returns the session with its stored codes (ALL_NEW,
 * AppSync's default for UpdateItem; the trigger asks for it). Only an attempt counted this way is compared, so however
 * many requests race, at most `maxAttempts` codes are ever checked.
 *
 * The session's purpose is part of the condition: the public API counts only sessions without one, the sign-in
 * trigger only sign-in sessions. A code sent for a Cognito sign-in therefore never verifies through `verifyOtp`
 * (which would hand its caller a verification token for that address), nor a generateOtp code a sign-in.
 */
import type { DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import { PENDING_STATUS, PURPOSE_ATTRIBUTE, SIGN_IN_PURPOSE, STATUS_ATTRIBUTE, sessionKey } from '../../infra/model/index.ts';
import { verifierCondition } from './caller.ts';

/** Who counts: the public API (`verifyOtp`) or the Cognito sign-in trigger. */
export type AttemptPath = 'api' | 'signIn';

/** The conditional UpdateItem that counts one attempt on `sessionId` (AppSync's request shape). */
export function countAttemptRequest(input: {
  sessionId: string;
  nowSeconds: number;
  maxAttempts: number;
  path: AttemptPath;
  /**
   * Step-up (lib/caller.ts): the signed-in caller's sub, or null for any other caller; a session a user started then
   * counts only that user's attempts, so nobody else can use them up. Undefined adds no such clause.
   */
  callerSub?: string | null;
}): DynamoDBUpdateItemRequest {
  const purposeClause = input.path === 'signIn' ? '#purpose = :signIn' : 'attribute_not_exists(#purpose)';
  const verifier = input.callerSub === undefined ? null : verifierCondition(input.callerSub);
  return {
    operation: 'UpdateItem',
    key: sessionKey(input.sessionId),
    update: { expression: 'SET attempts = attempts + :one', expressionValues: { ':one': { N: 1 } } },
    condition: {
      expression: `attribute_exists(pk) AND #status = :pending AND expiresAt > :now AND attempts < :max AND size(codes) > :zero AND ${purposeClause}${verifier ? ` AND ${verifier.expression}` : ''}`,
      expressionNames: { '#status': STATUS_ATTRIBUTE, '#purpose': PURPOSE_ATTRIBUTE, ...(verifier ? verifier.expressionNames : {}) },
      expressionValues: {
        ...(verifier ? verifier.expressionValues : {}),
        ':pending': { S: PENDING_STATUS },
        ':now': { N: input.nowSeconds },
        ':max': { N: input.maxAttempts },
        ':zero': { N: 0 },
        ...(input.path === 'signIn' ? { ':signIn': { S: SIGN_IN_PURPOSE } } : {}),
      },
    },
  };
}
