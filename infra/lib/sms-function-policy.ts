import * as iam from 'aws-cdk-lib/aws-iam';
import { SMS_FUNCTION_WRITTEN_ATTRIBUTES } from '../model/index.ts';

/** Every attribute the SMS function's UpdateItem requests may name: the key and what it writes (email-function-policy.ts explains the keys). */
export const SMS_FUNCTION_SESSION_ATTRIBUTES: readonly string[] = ['pk', ...SMS_FUNCTION_WRITTEN_ATTRIBUTES];

/** UpdateItem on session items, on the SMS function's attributes only (as the email function's sessionUpdateStatement). */
export function smsSessionUpdateStatement(tableArn: string, sessionKeyPrefix: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: ['dynamodb:UpdateItem'],
    resources: [tableArn],
    conditions: {
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${sessionKeyPrefix}*`] },
      'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...SMS_FUNCTION_SESSION_ATTRIBUTES] },
      StringEquals: { 'dynamodb:ReturnValues': ['NONE', 'UPDATED_OLD', 'UPDATED_NEW'] },
    },
  });
}

/**
 * `sns:Publish` to phone numbers only. A phone number is not an IAM resource (Publish with `PhoneNumber` has no ARN
 * to name), and SNS's condition keys (`sns:Endpoint`, `sns:Protocol`) apply to Subscribe, not to Publish, so no
 * statement can name the numbers. What can be excluded is everything that has an ARN: `NotResource`
 * `arn:<partition>:sns:*:*:*` allows Publish except to any topic or platform endpoint of any account, i.e. to phone
 * numbers only; the function cannot fan out through a topic. (AWS documents `Resource: "*"` for PhoneNumber
 * publishing; the NotResource form is the narrower equivalent and is what needs checking on a first deployment:
 * a denial would show as AuthorizationError in the function's log and the SMS dead-letter alarm.)
 */
export function publishToPhoneNumbersStatement(partition: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: ['sns:Publish'],
    notResources: [`arn:${partition}:sns:*:*:*`],
  });
}
