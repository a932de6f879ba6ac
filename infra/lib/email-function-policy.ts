import * as iam from 'aws-cdk-lib/aws-iam';
import { EMAIL_FUNCTION_WRITTEN_ATTRIBUTES } from '../model/index.ts';

/**
 * Every attribute the email function's UpdateItem requests may name, in an update or a condition expression: the
 * partition key and what the function writes on a session (defined with the function, whose tests check its
 * requests against it; its conditions read only these too, `status` was left out of them for this policy). A request
 * naming any other attribute is denied on AWS; the local stack does not evaluate IAM conditions, so only a
 * deployment would show such a denial.
 */
export const EMAIL_FUNCTION_SESSION_ATTRIBUTES: readonly string[] = ['pk', ...EMAIL_FUNCTION_WRITTEN_ATTRIBUTES];

/**
 * The one table permission of the email function: UpdateItem on session items, on the attributes above only.
 *
 * What the DynamoDB fine-grained access control docs say and how it is applied here:
 * - `dynamodb:LeadingKeys` is the partition key of the items a request touches, and must be used with
 *   `ForAllValues`: `StringLike SESSION#*` keeps the function off every other item (`RATE#`, `COOLDOWN#`, …).
 * - `dynamodb:Attributes` is the attribute names a request reads, writes or evaluates in a condition, and the docs
 *   require every key attribute to be listed (`pk`), or DynamoDB cannot use the key. They say nothing specific about
 *   document paths: `SET codes.#hash = …` and `REMOVE codes.#hash` name the top-level attribute `codes` (the map's
 *   keys are HMACs, unknown at deploy time, so they could not be listed anyway). Attributes a condition reads count
 *   too.
 * - `dynamodb:ReturnValues`: UpdateItem can return the whole item (ALL_OLD, ALL_NEW), attributes outside the list;
 *   the docs' write-only example allows NONE, UPDATED_OLD and UPDATED_NEW (only the attributes the request wrote)
 *   with `StringEquals`, not `…IfExists`, because UpdateItem always has a value (NONE when not given).
 * - `dynamodb:Select` is a parameter of Query and Scan only: nothing to restrict for UpdateItem.
 * - Not covered by any condition key: `ReturnValuesOnConditionCheckFailure` (the docs list none for it).
 *
 * @param tableArn the table's ARN (not its indexes: the function never queries one).
 * @param sessionKeyPrefix the partition-key prefix of session items (`SESSION#`).
 */
export function sessionUpdateStatement(tableArn: string, sessionKeyPrefix: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: ['dynamodb:UpdateItem'],
    resources: [tableArn],
    conditions: {
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${sessionKeyPrefix}*`] },
      'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...EMAIL_FUNCTION_SESSION_ATTRIBUTES] },
      StringEquals: { 'dynamodb:ReturnValues': ['NONE', 'UPDATED_OLD', 'UPDATED_NEW'] },
    },
  });
}

/**
 * Sending as the sender address only: `ses:SendEmail` (SES v1, what the function calls; not SendRawEmail, which
 * would let it send arbitrary MIME), on the sender's identities, with `ses:FromAddress` pinned to the address so the
 * domain identity cannot be used to send as any other address of the domain.
 *
 * With a configuration set on the request, SES also authorizes `ses:SendEmail` on the set's ARN
 * (`arn:<partition>:ses:<region>:<account>:configuration-set/<name>`, a resource type of SendEmail in the Service
 * Authorization Reference), so the construct passes that ARN too: the function may use its own set and no other.
 *
 * @param identityArns ARNs of the SES identities the sender may be verified as (address and domain), and the
 *   configuration set's.
 */
export function sendAsSenderStatement(senderEmail: string, identityArns: string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: ['ses:SendEmail'],
    resources: identityArns,
    conditions: { StringEquals: { 'ses:FromAddress': senderEmail } },
  });
}
