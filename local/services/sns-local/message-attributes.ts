/**
 * Publish's `MessageAttributes` (`MessageAttributes.entry.N.Name`, `.Value.DataType`, `.Value.StringValue` |
 * `.Value.BinaryValue`): checked as SNS checks every message's attributes, then the SMS ones SNS reads
 * (SNS Developer Guide, "Publishing to a mobile phone"): `AWS.SNS.SMS.SMSType`, `AWS.SNS.SMS.SenderID`,
 * `AWS.MM.SMS.OriginationNumber`, `AWS.SNS.SMS.MaxPrice`, `AWS.MM.SMS.EntityId`, `AWS.MM.SMS.TemplateId`.
 */
import { invalidParameterValue } from './errors.ts';
import { entries, type QueryInput } from './query-input.ts';

export interface MessageAttribute {
  dataType: string;
  /** StringValue, or BinaryValue as sent (base64). */
  value: string;
}

export type SmsType = 'Promotional' | 'Transactional';
export const SMS_TYPES: readonly SmsType[] = ['Promotional', 'Transactional'];

/** The SMS settings a message carries in its attributes (absent ones fall back to the account's defaults). */
export interface SmsMessageAttributes {
  smsType?: SmsType;
  senderId?: string;
  originationNumber?: string;
  maxPrice?: number;
}

const NAME = /^(?!\.)(?!.*\.$)(?!.*\.\.)[A-Za-z0-9_.-]+$/;
const DATA_TYPE = /^(String|Number|Binary)(\..+)?$/;

/** The attributes by name. @throws SnsError ParameterValueInvalid with the wording of SNS's attribute checks */
export function readMessageAttributes(input: QueryInput): Record<string, MessageAttribute> {
  const attributes: Record<string, MessageAttribute> = {};
  for (const entry of entries(input, 'MessageAttributes')) {
    const name = entry.Name ?? '';
    checkName(name);
    const dataType = entry['Value.DataType'];
    if (!dataType) throw invalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute type.`);
    if (!DATA_TYPE.test(dataType)) {
      throw invalidParameterValue(`The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
    }
    const field = dataType.startsWith('Binary') ? 'Binary' : 'String';
    const value = entry[`Value.${field}Value`];
    if (value === undefined) throw invalidParameterValue(`The message attribute '${name}' with type '${dataType}' must use field '${field}'.`);
    if (value === '') {
      throw invalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${dataType}'.`);
    }
    if (dataType.startsWith('Number') && !Number.isFinite(Number(value))) {
      throw invalidParameterValue(`Could not cast message attribute '${name}' value to number.`);
    }
    attributes[name] = { dataType, value };
  }
  return attributes;
}

function checkName(name: string): void {
  if (name.length > 256) throw invalidParameterValue('Length of message attribute name must be less than 256 bytes.');
  if (NAME.test(name)) return;
  if (name === '') throw invalidParameterValue('The message attribute name must not be empty.');
  if (name.startsWith('.')) throw invalidParameterValue("Invalid message attribute name starting with character '.' was found.");
  if (name.endsWith('.')) throw invalidParameterValue("Invalid message attribute name ending with character '.' was found.");
  if (name.includes('..')) throw invalidParameterValue("Message attribute name can not have successive '.' character.");
  const bad = [...name].find((character) => !/[A-Za-z0-9_.-]/.test(character)) ?? '';
  const code = `#x${(bad.codePointAt(0) ?? 0).toString(16).toUpperCase()}`;
  throw invalidParameterValue(
    `Invalid non-alphanumeric character '${code}' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.`,
  );
}

/**
 * The SMS attributes, checked against the constraints SNS documents for them. SNS's own refusal texts for these are
 * not documented: the messages are ours, the code is the one SNS uses for attribute values (ParameterValueInvalid).
 */
export function smsMessageAttributes(attributes: Record<string, MessageAttribute>): SmsMessageAttributes {
  const result: SmsMessageAttributes = {};
  const smsType = attributes['AWS.SNS.SMS.SMSType']?.value;
  if (smsType !== undefined) {
    if (!isSmsType(smsType)) throw invalidAttribute('AWS.SNS.SMS.SMSType', smsType, 'must be Promotional or Transactional');
    result.smsType = smsType;
  }
  const senderId = attributes['AWS.SNS.SMS.SenderID']?.value;
  if (senderId !== undefined) {
    if (!isSenderId(senderId)) throw invalidAttribute('AWS.SNS.SMS.SenderID', senderId, 'must be 3–11 letters and digits, at least one a letter');
    result.senderId = senderId;
  }
  const originationNumber = attributes['AWS.MM.SMS.OriginationNumber']?.value;
  if (originationNumber !== undefined) {
    if (!/^\+?\d{5,14}$/.test(originationNumber)) {
      throw invalidAttribute('AWS.MM.SMS.OriginationNumber', originationNumber, 'must be 5–14 digits with an optional leading +');
    }
    result.originationNumber = originationNumber;
  }
  const maxPrice = attributes['AWS.SNS.SMS.MaxPrice']?.value;
  if (maxPrice !== undefined) {
    const price = Number(maxPrice);
    if (!Number.isFinite(price) || price < 0) throw invalidAttribute('AWS.SNS.SMS.MaxPrice', maxPrice, 'must be a price in USD');
    result.maxPrice = price;
  }
  for (const name of ['AWS.MM.SMS.EntityId', 'AWS.MM.SMS.TemplateId']) {
    const value = attributes[name]?.value;
    if (value !== undefined && value.length > 30) throw invalidAttribute(name, value, 'must be 1–30 characters');
  }
  return result;
}

export function isSmsType(value: string): value is SmsType {
  return (SMS_TYPES as readonly string[]).includes(value);
}

/** 3–11 alphanumeric characters, at least one a letter, no spaces (the Developer Guide's rule). */
export function isSenderId(value: string): boolean {
  return /^[A-Za-z0-9]{3,11}$/.test(value) && /[A-Za-z]/.test(value);
}

function invalidAttribute(name: string, value: string, rule: string) {
  return invalidParameterValue(`The message attribute '${name}' has an invalid value '${value}': it ${rule}.`);
}
