import type { UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { MAX_CODES_PER_SESSION, type StoredCode } from '../../infra/model/index.ts';

// The UpdateItem requests the email and SMS functions make on a session, built apart from sending them so a test can
// check that each one touches only the attributes in EMAIL_FUNCTION_WRITTEN_ATTRIBUTES (the IAM policy allows exactly
// those; send-otp-email/session-writes.test.ts).
// The code's MAC is always passed as the name `#m`: base64 is a valid map key but not a valid bare path element.

/** Which session and which code a write is about. */
export interface CodeWriteTarget {
  tableName: string;
  /** The session's key, `SESSION#<sessionId>`. */
  pk: string;
  /** The code's MAC (macOtpCode, base64), the key in the session's `codes` map. */
  mac: string;
  /** The ARN of the KMS key that made {@link mac}, stored with it (StoredCode.keyId). */
  keyId: string;
  /**
   * The attribute that records the send (`emailedAt`, the default; the SMS function's `smsSentAt`): a session takes
   * no new code once it is set.
   */
  sentAttribute?: 'emailedAt' | 'smsSentAt';
}

/**
 * Adds the code's MAC and its key to `codes`, beside any other, while the session is not yet emailed, not marked
 * undeliverable and holds fewer than MAX_CODES_PER_SESSION codes. `status` is deliberately not in the condition: the IAM policy
 * lists the attributes a request may name (dynamodb:Attributes), and the stream filter and the skip check already
 * leave out sessions that are not PENDING; a code added to a verified session could never verify (verifyOtp
 * requires PENDING).
 */
export function storeCodeMacRequest(target: CodeWriteTarget, issuedAtEpochSeconds: number): UpdateItemCommandInput {
  const stored = { keyId: target.keyId, issuedAt: issuedAtEpochSeconds } satisfies StoredCode;
  return {
    TableName: target.tableName,
    Key: { pk: { S: target.pk } },
    UpdateExpression: 'SET codes.#m = :code',
    ConditionExpression:
      `attribute_exists(pk) AND attribute_not_exists(${target.sentAttribute ?? 'emailedAt'}) AND attribute_not_exists(undeliverableAt) ` +
      'AND size(codes) < :maxCodes',
    ExpressionAttributeNames: { '#m': target.mac },
    ExpressionAttributeValues: {
      ':code': { M: { keyId: { S: stored.keyId }, issuedAt: { N: String(stored.issuedAt) } } },
      ':maxCodes': { N: String(MAX_CODES_PER_SESSION) },
    },
  };
}

/** Records when SES accepted the email, while the code's MAC is still in `codes`. */
export function markEmailedRequest(target: CodeWriteTarget, emailedAt: string): UpdateItemCommandInput {
  return {
    TableName: target.tableName,
    Key: { pk: { S: target.pk } },
    UpdateExpression: `SET ${target.sentAttribute ?? 'emailedAt'} = :emailedAt`,
    ConditionExpression: 'attribute_exists(codes.#m)',
    ExpressionAttributeNames: { '#m': target.mac },
    ExpressionAttributeValues: { ':emailedAt': { S: emailedAt } },
  };
}

/** Removes the code's MAC from `codes`: its email was not sent, so the code must not verify. */
export function withdrawCodeRequest(target: CodeWriteTarget): UpdateItemCommandInput {
  return {
    TableName: target.tableName,
    Key: { pk: { S: target.pk } },
    UpdateExpression: 'REMOVE codes.#m',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: { '#m': target.mac },
  };
}

/** Removes the code's MAC and records that SES refused the email for good, and why (SES's error name). */
export function markUndeliverableRequest(
  target: CodeWriteTarget,
  undeliverable: { at: string; reason: string },
): UpdateItemCommandInput {
  return {
    TableName: target.tableName,
    Key: { pk: { S: target.pk } },
    UpdateExpression: 'REMOVE codes.#m SET undeliverableAt = :now, undeliverableReason = :reason',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: { '#m': target.mac },
    ExpressionAttributeValues: { ':now': { S: undeliverable.at }, ':reason': { S: undeliverable.reason } },
  };
}
