/**
 * Publish to a topic: the message is checked as SNS checks it, accepted with a MessageId, and delivered to the
 * topic's subscriptions after the answer (topic-delivery.ts). Standard topics only: FIFO topics are not modelled.
 */
import { invalidParameter, SnsError } from '../errors.ts';
import { readMessageAttributes, type MessageAttribute } from '../message-attributes.ts';
import { param, type QueryInput } from '../query-input.ts';
import { acceptTopicMessage, textsByProtocol } from '../topic-message.ts';
import { element } from '../xml.ts';
import type { OperationContext } from './types.ts';

/** "The maximum message size is 256 KB" with its attributes (SNS API Reference, Publish): 262,144 bytes. */
export const MAX_MESSAGE_BYTES = 262_144;

export function publishToTopic(input: QueryInput, topicArn: string, { deliver, now }: OperationContext): string {
  const message = param(input, 'Message');
  if (message === undefined) {
    throw new SnsError('ValidationError', "1 validation error detected: Value null at 'message' failed to satisfy constraint: Member must not be null");
  }
  const subject = param(input, 'Subject');
  if (subject !== undefined && !isValidSubject(subject)) throw invalidParameter('Invalid parameter: Subject');
  if (message === '') throw invalidParameter('Invalid parameter: Empty message');
  if (param(input, 'MessageDeduplicationId') !== undefined) {
    throw invalidParameter('Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type');
  }
  const attributes = readMessageAttributes(input);
  const byProtocol = param(input, 'MessageStructure') === 'json' ? textsByProtocol(message) : undefined;
  if (messageBytes(message, attributes) > MAX_MESSAGE_BYTES) throw invalidParameter('Invalid parameter: Message too long');
  const accepted = acceptTopicMessage({ topicArn, message: byProtocol?.default ?? message, ...(byProtocol ? { byProtocol } : {}), subject: subject ?? null, attributes }, now());
  deliver(accepted);
  return element('MessageId', accepted.messageId);
}

/**
 * "Constraints: Subjects must be UTF-8 text with no line breaks or control characters, and less than 100 characters
 * long" (SNS API Reference, Publish); an empty subject is refused as SNS refuses it.
 */
function isValidSubject(subject: string): boolean {
  return subject !== '' && [...subject].length < 100 && !/[\u0000-\u001f\u007f]/.test(subject);
}

/** The size SNS counts: the message plus each attribute's name, type and value. */
function messageBytes(message: string, attributes: Record<string, MessageAttribute>): number {
  let bytes = Buffer.byteLength(message);
  for (const [name, attribute] of Object.entries(attributes)) bytes += Buffer.byteLength(name) + Buffer.byteLength(attribute.dataType) + Buffer.byteLength(attribute.value);
  return bytes;
}
