/** CreateTopic, DeleteTopic and ListTopics: the account's topics (standard topics; FIFO topics are refused). */
import { invalidParameter } from '../errors.ts';
import { page } from '../pagination.ts';
import { param } from '../query-input.ts';
import { element } from '../xml.ts';
import type { Operation } from './types.ts';

/** "Topic names must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long." */
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;

/** The existing topic of that name, or a new one (CreateTopic is idempotent). `Attributes` and `Tags` are not kept. */
export const createTopic: Operation = (input, { topics }) => {
  const name = param(input, 'Name') ?? '';
  if (name.endsWith('.fifo')) throw invalidParameter('Invalid parameter: Topic Name Reason: FIFO topics are not served by the local SNS');
  if (!TOPIC_NAME.test(name)) throw invalidParameter('Invalid parameter: Topic Name');
  return element('TopicArn', topics.createTopic(name).arn);
};

/** A topic that does not exist: no error, as SNS answers. Its subscriptions go with it. */
export const deleteTopic: Operation = (input, { topics }) => {
  topics.deleteTopic(param(input, 'TopicArn') ?? '');
  return '';
};

export const listTopics: Operation = (input, { topics }) => {
  const { items, next } = page(topics.topics(), param(input, 'NextToken'), 'NextToken');
  const members = items.map((topic) => `<member>${element('TopicArn', topic.arn)}</member>`).join('');
  return `<Topics>${members}</Topics>${next ? element('NextToken', next) : ''}`;
};
