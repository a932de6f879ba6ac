import type { UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { MAX_CODES_PER_SESSION } from '../../infra/model/index.ts';

// The UpdateItem requests the function makes, built apart from sending them so a test can check that each one
// touches only the attributes in EMAIL_FUNCTION_WRITTEN_ATTRIBUTES (the IAM policy allows exactly those).
// The code hash is always passed as the name `#h`: hex is a valid map key but not a valid bare path element.

/** Which session and which code a write is about. */
export interface CodeWriteTarget {
  tableName: string;
  /** The session's key, `SESSION#<sessionId>`. */
  pk: string;
  /** The code's HMAC (hashOtpCode), the key in the session's `codes` map. */
  codeHash: string;
}

/**
 * Adds the code's hash to `codes`, beside any other, while the session is not yet emailed, not marked undeliverable
 * and holds fewer than MAX_CODES_PER_SESSION codes. `status` is deliberately not in the condition: the IAM policy
 * lists the attributes a request may name (dynamodb:Attributes), and the stream filter and the skip check already
 * leave out sessions that are not PENDING; a code added to a verified session could never verify (verifyOtp
 * requires PENDING).
 */
export function storeCodeHashRequest(target: CodeWriteTarget, issuedAtEpochSeconds: number): UpdateItemCommandInput {
  return {
    TableName: target.tableName,
    Key: { pk: { S: target.pk } },
    UpdateExpression: 'SET codes.#h = :issuedAt',
    ConditionExpression:
      'attribute_exists(pk) AND attribute_not_exists(emailedAt) AND attribute_not_exists(undeliverableAt) ' +
      'AND size(codes) < :maxCodes',
    ExpressionAttributeNames: { '#h': target.codeHash },
    ExpressionAttributeValues: {
      ':issuedAt': { N: String(issuedAtEpochSeconds) },
      ':maxCodes': { N: String(MAX_CODES_PER_SESSION) },
    },
  };
}

/** Records when SES accepted the email, while the code's hash is still in `codes`. */
export function markEmailedRequest(target: CodeWriteTarget, emailedAt: string): UpdateItemCommandInput {
  return {
    TableName: target.tableName,
    Key: { pk: { S: target.pk } },
    UpdateExpression: 'SET emailedAt = :emailedAt',
    ConditionExpression: 'attribute_exists(codes.#h)',
    ExpressionAttributeNames: { '#h': target.codeHash },
    ExpressionAttributeValues: { ':emailedAt': { S: emailedAt } },
  };
}

/** Removes the code's hash from `codes`: its email was not sent, so the code must not verify. */
export function withdrawCodeRequest(target: CodeWriteTarget): UpdateItemCommandInput {
  return {
    TableName: target.tableName,
    Key: { pk: { S: target.pk } },
    UpdateExpression: 'REMOVE codes.#h',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: { '#h': target.codeHash },
  };
}

/** Removes the code's hash and records that SES refused the email for good, and why (SES's error name). */
export function markUndeliverableRequest(
  target: CodeWriteTarget,
  undeliverable: { at: string; reason: string },
): UpdateItemCommandInput {
  return {
    TableName: target.tableName,
    Key: { pk: { S: target.pk } },
    UpdateExpression: 'REMOVE codes.#h SET undeliverableAt = :now, undeliverableReason = :reason',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: { '#h': target.codeHash },
    ExpressionAttributeValues: { ':now': { S: undeliverable.at }, ':reason': { S: undeliverable.reason } },
  };
}
