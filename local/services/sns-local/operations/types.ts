import type { SmsInbox } from '../inbox.ts';
import type { QueryInput } from '../query-input.ts';
import type { SmsAccount } from '../sms-account.ts';
import type { TopicMessage } from '../topic-message.ts';
import type { TopicRegistry } from '../topics.ts';

/** What an operation works on. */
export interface OperationContext {
  account: SmsAccount;
  inbox: SmsInbox;
  topics: TopicRegistry;
  /** Hands an accepted topic message to its subscriptions (after the answer). */
  deliver: (message: TopicMessage) => void;
  now: () => Date;
}

/**
 * One SNS action: the request's parameters → the XML inside `<ActionResult>` (already escaped; '' for an empty
 * result), or a thrown SnsError.
 */
export type Operation = (input: QueryInput, context: OperationContext) => string;
