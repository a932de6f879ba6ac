/**
 * Publish: to a phone number (an SMS, publish-sms.ts) or to a topic of the account (its subscriptions,
 * publish-to-topic.ts). There are no platform endpoints locally: a TargetArn gets the answer SNS gives one that does
 * not exist, as does a TopicArn the account has no topic for.
 */
import { invalidParameter, SnsError } from '../errors.ts';
import { param } from '../query-input.ts';
import { publishSms } from './publish-sms.ts';
import { publishToTopic } from './publish-to-topic.ts';
import type { Operation } from './types.ts';

export { MAX_SMS_CHARACTERS, UNREACHABLE_RESPONSE } from './publish-sms.ts';

export const publish: Operation = (input, context) => {
  const phoneNumber = param(input, 'PhoneNumber');
  const topicArn = param(input, 'TopicArn');
  const targetArn = param(input, 'TargetArn');
  if (phoneNumber !== undefined && (topicArn !== undefined || targetArn !== undefined)) {
    throw invalidParameter('Invalid parameter: PhoneNumber Reason: give only one of PhoneNumber, TopicArn and TargetArn');
  }
  if (phoneNumber !== undefined) return publishSms(input, phoneNumber, context);
  if (topicArn !== undefined) {
    if (!context.topics.topic(topicArn)) throw new SnsError('NotFound', 'Topic does not exist', 404);
    return publishToTopic(input, topicArn, context);
  }
  if (targetArn !== undefined) throw invalidParameter('Invalid parameter: TargetArn Reason: No endpoint found for the target arn specified');
  throw invalidParameter('Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter');
};
