/** The actions the local SNS serves, by the query parameter `Action`. */
import { checkIfPhoneNumberIsOptedOut, listPhoneNumbersOptedOut, optInPhoneNumber } from './opt-outs.ts';
import { publish } from './publish.ts';
import { getSmsAttributes, getSmsSandboxAccountStatus, setSmsAttributes } from './sms-attributes.ts';
import { listSubscriptions, listSubscriptionsByTopic, subscribe, unsubscribe } from './subscriptions.ts';
import { createTopic, deleteTopic, listTopics } from './topics.ts';
import type { Operation } from './types.ts';

export const OPERATIONS: Readonly<Record<string, Operation>> = {
  Publish: publish,
  CheckIfPhoneNumberIsOptedOut: checkIfPhoneNumberIsOptedOut,
  ListPhoneNumbersOptedOut: listPhoneNumbersOptedOut,
  OptInPhoneNumber: optInPhoneNumber,
  GetSMSAttributes: getSmsAttributes,
  SetSMSAttributes: setSmsAttributes,
  GetSMSSandboxAccountStatus: getSmsSandboxAccountStatus,
  CreateTopic: createTopic,
  DeleteTopic: deleteTopic,
  ListTopics: listTopics,
  Subscribe: subscribe,
  Unsubscribe: unsubscribe,
  ListSubscriptionsByTopic: listSubscriptionsByTopic,
  ListSubscriptions: listSubscriptions,
};
