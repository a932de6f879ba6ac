/**
 * What the local SNS "delivered": the texts phones received (`GET {smsUrl}/store` → `messages`) and the deliveries
 * that failed after Publish accepted them (`failedDeliveries`: an opted-out or unreachable number, which SNS reports
 * only in its delivery status logs, never to the caller). Kept in memory, newest last, at most `limit` of each.
 */
import type { SmsEncoding } from './sms-encoding.ts';

export interface SmsMessage {
  messageId: string;
  /** E.164, as published. */
  phoneNumber: string;
  message: string;
  /** `AWS.SNS.SMS.SenderID`, else the account's DefaultSenderID; null when neither is set. */
  senderId: string | null;
  /** `AWS.MM.SMS.OriginationNumber`; null when not set (SNS then picks one of the account's numbers). */
  originationNumber: string | null;
  /** `AWS.SNS.SMS.SMSType`, else the account's DefaultSMSType, else Promotional (SNS's default). */
  smsType: string;
  /** ISO 8601. */
  sentAt: string;
  encoding: SmsEncoding;
  /** SMS parts the text takes (each billed by SNS). */
  parts: number;
}

export interface FailedSmsDelivery extends SmsMessage {
  status: 'FAILURE';
  /** The `providerResponse` SNS writes to its delivery status log for the failure. */
  providerResponse: string;
}

export interface InboxSnapshot {
  messages: SmsMessage[];
  failedDeliveries: FailedSmsDelivery[];
}

/** A bound on memory for a long `npm start`: the oldest entries go first. */
export const DEFAULT_INBOX_LIMIT = 1000;

export class SmsInbox {
  private readonly messages: SmsMessage[] = [];
  private readonly failures: FailedSmsDelivery[] = [];

  constructor(private readonly limit = DEFAULT_INBOX_LIMIT) {}

  deliver(message: SmsMessage): void {
    this.keep(this.messages, message);
  }

  fail(message: SmsMessage, providerResponse: string): void {
    this.keep(this.failures, { ...message, status: 'FAILURE', providerResponse });
  }

  snapshot(): InboxSnapshot {
    return { messages: [...this.messages], failedDeliveries: [...this.failures] };
  }

  clear(): void {
    this.messages.length = 0;
    this.failures.length = 0;
  }

  private keep<T>(list: T[], entry: T): void {
    list.push(entry);
    if (list.length > this.limit) list.splice(0, list.length - this.limit);
  }
}
