/** CheckIfPhoneNumberIsOptedOut, ListPhoneNumbersOptedOut and OptInPhoneNumber: the account's opt-out list. */
import { page } from '../pagination.ts';
import { optOutListNumber } from '../phone-number.ts';
import { param } from '../query-input.ts';
import { element } from '../xml.ts';
import type { Operation } from './types.ts';

export const checkIfPhoneNumberIsOptedOut: Operation = (input, { account }) => {
  const phoneNumber = optOutListNumber(param(input, 'phoneNumber'));
  return element('isOptedOut', String(account.isOptedOut(phoneNumber)));
};

export const listPhoneNumbersOptedOut: Operation = (input, { account }) => {
  const { items, next } = page(account.optedOutNumbers(), param(input, 'nextToken'), 'nextToken');
  return `<phoneNumbers>${items.map((number) => element('member', number)).join('')}</phoneNumbers>` + (next ? element('nextToken', next) : '');
};

/** Takes the number off the list (SNS allows this once every 30 days per number; the local SNS does not count). */
export const optInPhoneNumber: Operation = (input, { account }) => {
  account.optIn(optOutListNumber(param(input, 'phoneNumber')));
  return '';
};
