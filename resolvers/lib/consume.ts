/**
 * consumeVerification's rules: the conditional write that moves a session from VERIFIED to CONSUMED, and the
 * refusal for a session it did not move. Pure: the resolver passes in the ids and the time.
 */
import {
  CONSUMED_AT_ATTRIBUTE,
  CONSUMED_STATUS,
  CONSUME_ID_ATTRIBUTE,
  PURPOSE_ATTRIBUTE,
  STATUS_ATTRIBUTE,
  VERIFIED_STATUS,
  type SessionItem,
} from '../../infra/model/index.ts';

/** errorTypes of a refused consumeVerification (documented in README's API section). */
export const ALREADY_CONSUMED_ERROR_TYPE = 'AlreadyConsumed';
export const VERIFICATION_EXPIRED_ERROR_TYPE = 'VerificationExpired';
export const NOT_VERIFIED_ERROR_TYPE = 'NotVerified';

/** The UpdateItem's update and condition, in AppSync's request shape. */
export interface ConsumeWrite {
  update: { expression: string; expressionNames: Record<string, string>; expressionValues: Record<string, { S: string }> };
  condition: {
    expression: string;
    expressionNames: Record<string, string>;
    expressionValues: Record<string, { S: string } | { N: number }>;
  };
}

/**
 * VERIFIED → CONSUMED, only while the verification is retained (`expiresAt` is checked here, never left to TTL).
 * DynamoDB applies a conditional UpdateItem atomically, so of any number of racing calls exactly one sees VERIFIED.
 */
export function consumeWrite(input: { consumeId: string; consumedAt: string; nowSeconds: number }): ConsumeWrite {
  return {
    update: {
      expression: 'SET #status = :consumed, #consumedAt = :consumedAt, #consumeId = :consumeId',
      expressionNames: { '#status': STATUS_ATTRIBUTE, '#consumedAt': CONSUMED_AT_ATTRIBUTE, '#consumeId': CONSUME_ID_ATTRIBUTE },
      expressionValues: {
        ':consumed': { S: CONSUMED_STATUS },
        ':consumedAt': { S: input.consumedAt },
        ':consumeId': { S: input.consumeId },
      },
    },
    condition: {
      // Sign-in sessions (the Cognito factor's) are never consumed here: that verification belongs to the sign-in.
      expression: 'attribute_exists(pk) AND #status = :verified AND expiresAt > :now AND attribute_not_exists(#purpose)',
      expressionNames: { '#status': STATUS_ATTRIBUTE, '#purpose': PURPOSE_ATTRIBUTE },
      expressionValues: { ':verified': { S: VERIFIED_STATUS }, ':now': { N: input.nowSeconds } },
    },
  };
}

/**
 * Whether `session` (the write's result) is this request's consumption. AppSync may answer a failed condition as a
 * success when the item already looks like the intended result; the request's own id tells the two apart.
 */
export function isConsumedBy(session: Pick<SessionItem, 'status' | 'consumeId'> | null | undefined, consumeId: string): boolean {
  return !!session && session.status === CONSUMED_STATUS && session.consumeId === consumeId;
}

/** Why a session was not consumed, from the item as it is (null when there is none): an errorType and a message. */
export function consumeRefusal(
  session: Pick<SessionItem, 'status' | 'purpose'> | null | undefined,
): { errorType: string; message: string } {
  // A sign-in session is answered as if there were none.
  if (session?.purpose) return { errorType: NOT_VERIFIED_ERROR_TYPE, message: 'No verified session has this id.' };
  if (session && session.status === CONSUMED_STATUS) {
    return { errorType: ALREADY_CONSUMED_ERROR_TYPE, message: 'This verification was already consumed.' };
  }
  // VERIFIED yet refused: the condition's other clause, the verification is past its retention.
  if (session && session.status === VERIFIED_STATUS) {
    return { errorType: VERIFICATION_EXPIRED_ERROR_TYPE, message: 'This verification has expired.' };
  }
  return { errorType: NOT_VERIFIED_ERROR_TYPE, message: 'No verified session has this id.' };
}
