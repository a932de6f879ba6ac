/**
 * Publish to a phone number. Checks run in SNS's order (Subject, empty message, the number, attributes, size); an
 * accepted message gets its MessageId at once and is then "delivered": to the inbox, or, for an opted-out or
 * unreachable number, to the failed deliveries — SNS reports those in its delivery status logs, never to the caller,
 * so Publish succeeds for them as it does on AWS.
 */
import { randomUUID } from 'node:crypto';
import { invalidParameter, SnsError } from '../errors.ts';
import type { SmsMessage } from '../inbox.ts';
import { readMessageAttributes, smsMessageAttributes } from '../message-attributes.ts';
import { isE164, notValidToPublishTo } from '../phone-number.ts';
import { param, type QueryInput } from '../query-input.ts';
import { smsSize } from '../sms-encoding.ts';
import { textsByProtocol } from '../topic-message.ts';
import { element } from '../xml.ts';
import type { OperationContext } from './types.ts';

/** "The total size limit for a single SMS Publish action is 1,600 characters" (SNS API Reference, Publish). */
export const MAX_SMS_CHARACTERS = 1600;
/** What SNS's delivery status log says for an unreachable phone (its documented failure example). */
export const UNREACHABLE_RESPONSE = 'Unknown error attempting to reach phone';

export function publishSms(input: QueryInput, phoneNumber: string, { account, inbox, now }: OperationContext): string {
  const message = param(input, 'Message');
  if (message === undefined) {
    throw new SnsError('ValidationError', "1 validation error detected: Value null at 'message' failed to satisfy constraint: Member must not be null");
  }
  if (param(input, 'Subject') === '') throw invalidParameter('Invalid parameter: Subject');
  if (message === '') throw invalidParameter('Invalid parameter: Empty message');
  if (!isE164(phoneNumber) || account.invalidNumbers.has(phoneNumber)) throw notValidToPublishTo(phoneNumber);
  if (param(input, 'MessageDeduplicationId') !== undefined) {
    throw invalidParameter('Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type');
  }
  const sms = smsMessageAttributes(readMessageAttributes(input));
  const text = smsText(message, param(input, 'MessageStructure'));
  if ([...text].length > MAX_SMS_CHARACTERS) throw invalidParameter('Invalid parameter: Message too long');

  const record: SmsMessage = {
    messageId: randomUUID(),
    phoneNumber,
    message: text,
    senderId: sms.senderId ?? account.defaultSenderId ?? null,
    originationNumber: sms.originationNumber ?? null,
    smsType: sms.smsType ?? account.defaultSmsType ?? 'Promotional',
    sentAt: now().toISOString(),
    ...smsSize(text),
  };
  if (account.isOptedOut(phoneNumber)) inbox.fail(record, `${phoneNumber} is opted out`);
  else if (account.unreachableNumbers.has(phoneNumber)) inbox.fail(record, UNREACHABLE_RESPONSE);
  else inbox.deliver(record);
  return element('MessageId', record.messageId);
}

/** The text a phone gets: the message, or with `MessageStructure: json` its `sms` entry, else its `default` one. */
function smsText(message: string, structure: string | undefined): string {
  if (structure !== 'json') return message;
  const byProtocol = textsByProtocol(message);
  return byProtocol.sms ?? byProtocol.default!;
}
