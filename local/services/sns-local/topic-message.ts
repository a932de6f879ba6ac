/**
 * A message published to a topic, as SNS keeps it for delivery: the text (or, with `MessageStructure: json`, a text
 * per protocol), the subject, the attributes and when it was published.
 */
import { randomUUID } from 'node:crypto';
import { invalidParameter } from './errors.ts';
import type { MessageAttribute } from './message-attributes.ts';

export interface TopicMessage {
  messageId: string;
  topicArn: string;
  /** The text every protocol gets, unless `byProtocol` has one for it. */
  message: string;
  /** With `MessageStructure: json`: the text per protocol (`lambda`, `sqs`, `sms`…), `default` being `message`. */
  byProtocol?: Record<string, string>;
  /** null when none was given (SNS's Lambda event then says `"Subject": null`). */
  subject: string | null;
  attributes: Record<string, MessageAttribute>;
  /** ISO 8601, when SNS accepted it. */
  timestamp: string;
}

/** A message as SNS accepts it: a fresh MessageId and the time of acceptance. */
export function acceptTopicMessage(fields: Omit<TopicMessage, 'messageId' | 'timestamp'>, now: Date): TopicMessage {
  return { messageId: randomUUID(), ...fields, timestamp: now.toISOString() };
}

/** The text a subscription of `protocol` gets. */
export function messageFor(message: TopicMessage, protocol: string): string {
  return message.byProtocol?.[protocol] ?? message.message;
}

/**
 * `MessageStructure: json`: the published text is a JSON object of texts by protocol, with a `default` entry.
 * @throws SnsError InvalidParameter with SNS's texts for a body that is not such an object
 */
export function textsByProtocol(message: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw invalidParameter('Invalid parameter: Message Structure - JSON message body failed to parse');
  }
  const byProtocol = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  if (typeof byProtocol.default !== 'string') throw invalidParameter('Invalid parameter: Message Structure - No default entry in JSON message body');
  return Object.fromEntries(Object.entries(byProtocol).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
