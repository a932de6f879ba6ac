/** GetSMSAttributes, SetSMSAttributes and GetSMSSandboxAccountStatus: the account's SMS preferences. */
import { memberList, stringMap } from '../query-input.ts';
import { element } from '../xml.ts';
import type { Operation } from './types.ts';

export const getSmsAttributes: Operation = (input, { account }) => {
  const attributes = account.smsAttributes(memberList(input, 'attributes'));
  const entries = Object.entries(attributes).map(([key, value]) => `<entry>${element('key', key)}${element('value', value)}</entry>`);
  return `<attributes>${entries.join('')}</attributes>`;
};

export const setSmsAttributes: Operation = (input, { account }) => {
  account.setSmsAttributes(stringMap(input, 'attributes'));
  return '';
};

/**
 * The local SNS delivers to any number, as an account out of the SMS sandbox does; the sandbox's verified-destination
 * list is not modelled (use `invalidNumbers` for numbers that must be refused).
 */
export const getSmsSandboxAccountStatus: Operation = () => element('IsInSandbox', 'false');
