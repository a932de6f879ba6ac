/**
 * The email sending event records SES publishes for a configuration set's event destinations, in the shape SES
 * documents for Amazon SNS destinations ("Contents of event data that Amazon SES publishes to Amazon SNS" and its
 * examples): `eventType` and `mail` always, and the object of that type (`send`, `delivery`, `bounce`, `complaint`).
 * Values SES takes from the receiving side (DSN fields, MTA names, SMTP replies) are what the mailbox simulator's
 * notifications carry where those are published, else ours.
 */
import { randomUUID } from 'node:crypto';
import { headerValues, plainAddress, type MailHeader } from './mail-headers.ts';
import type { SesSendRequest } from './send-request.ts';

/** SES reports at most 10 KB of headers; the rest is cut (`headersTruncated: true`). */
const MAX_HEADER_BYTES = 10 * 1024;
/** Ours: a local name in the shape of SES's outbound MTAs (`a8-96.smtp-out.amazonses.com`). */
const LOCAL_MTA = 'local.smtp-out.amazonses.com';

export interface SesMail {
  timestamp: string;
  source: string;
  sourceArn: string;
  sendingAccountId: string;
  messageId: string;
  destination: string[];
  headersTruncated: boolean;
  headers: MailHeader[];
  commonHeaders: {
    from: string[];
    replyTo?: string[];
    to?: string[];
    cc?: string[];
    date?: string;
    messageId: string;
    subject?: string;
  };
  tags: Record<string, string[]>;
}

export interface BouncedRecipient {
  emailAddress: string;
  action: 'failed';
  status: string;
  diagnosticCode: string;
}

export type SesEventRecord =
  | { eventType: 'Send'; mail: SesMail; send: Record<string, never> }
  | { eventType: 'Delivery'; mail: SesMail; delivery: { timestamp: string; processingTimeMillis: number; recipients: string[]; smtpResponse: string; reportingMTA: string } }
  | {
      eventType: 'Bounce';
      mail: SesMail;
      bounce: { bounceType: 'Permanent'; bounceSubType: 'General' | 'OnAccountSuppressionList'; bouncedRecipients: BouncedRecipient[]; timestamp: string; feedbackId: string; reportingMTA: string };
    }
  | {
      eventType: 'Complaint';
      mail: SesMail;
      complaint: {
        complainedRecipients: { emailAddress: string }[];
        timestamp: string;
        feedbackId: string;
        complaintSubType: null;
        userAgent: string;
        complaintFeedbackType: 'abuse';
        arrivalDate: string;
      };
    };

export type SesEventType = SesEventRecord['eventType'];

/** Where a send came from: the account and region it was made in, and when SES accepted it. */
export interface MailContext {
  region: string;
  accountId: string;
  messageId: string;
  acceptedAt: Date;
}

/** The `mail` object every record of one send shares. */
export function mailObject(send: SesSendRequest, context: MailContext): SesMail {
  const header = (name: string) => headerValues(send.headers, name);
  const list = (name: string) => {
    const values = header(name);
    return values.length > 0 ? { [name === 'Reply-To' ? 'replyTo' : name.toLowerCase()]: values.flatMap((value) => value.split(/,\s*/)) } : {};
  };
  const { headers, truncated } = cutHeaders(send.headers);
  const from = header('From');
  const address = plainAddress(send.source);
  return {
    timestamp: context.acceptedAt.toISOString(),
    source: send.source,
    sourceArn: send.sourceArn ?? `arn:aws:ses:${context.region}:${context.accountId}:identity/${address}`,
    sendingAccountId: context.accountId,
    messageId: context.messageId,
    destination: send.destination,
    headersTruncated: truncated,
    headers,
    commonHeaders: {
      from: from.length > 0 ? from : [send.source],
      ...list('Reply-To'),
      ...list('To'),
      ...list('Cc'),
      ...(send.date === undefined ? {} : { date: send.date }),
      // A raw message keeps its own Message-ID; one SES composes carries SES's.
      messageId: send.messageIdHeader ?? context.messageId,
      ...(send.subject === undefined ? {} : { subject: send.subject }),
    },
    tags: {
      ...send.tags,
      ...(send.configurationSetName ? { 'ses:configuration-set': [send.configurationSetName] } : {}),
      'ses:source-ip': ['127.0.0.1'],
      'ses:from-domain': [address.slice(address.lastIndexOf('@') + 1)],
    },
  };
}

export function sendRecord(mail: SesMail): SesEventRecord {
  return { eventType: 'Send', mail, send: {} };
}

export function deliveryRecord(mail: SesMail, recipients: string[], at: Date): SesEventRecord {
  return {
    eventType: 'Delivery',
    mail: { ...mail, tags: { ...mail.tags, 'ses:outgoing-ip': ['127.0.0.1'] } },
    delivery: {
      timestamp: at.toISOString(),
      processingTimeMillis: Math.max(0, at.getTime() - Date.parse(mail.timestamp)),
      recipients,
      smtpResponse: '250 2.6.0 Message received',
      reportingMTA: LOCAL_MTA,
    },
  };
}

/** bounce@: the mailbox simulator's 550 5.1.1 hard bounce, with its DSN fields. */
export function bounceRecord(mail: SesMail, recipients: string[], at: Date): SesEventRecord {
  return {
    eventType: 'Bounce',
    mail,
    bounce: {
      bounceType: 'Permanent',
      bounceSubType: 'General',
      bouncedRecipients: recipients.map((emailAddress) => ({ emailAddress, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' })),
      timestamp: at.toISOString(),
      feedbackId: feedbackId(at),
      reportingMTA: `dsn; ${LOCAL_MTA}`,
    },
  };
}

/** suppressionlist@: SES does not attempt the address and reports a hard bounce of subtype OnAccountSuppressionList. */
export function suppressedRecord(mail: SesMail, recipients: string[], at: Date): SesEventRecord {
  return {
    eventType: 'Bounce',
    mail,
    bounce: {
      bounceType: 'Permanent',
      bounceSubType: 'OnAccountSuppressionList',
      bouncedRecipients: recipients.map((emailAddress) => ({
        emailAddress,
        action: 'failed',
        status: '5.1.1',
        diagnosticCode: 'Amazon SES did not send the message to this address because it is on the suppression list for your account.',
      })),
      timestamp: at.toISOString(),
      feedbackId: feedbackId(at),
      reportingMTA: 'dns; amazonses.com',
    },
  };
}

/** complaint@: an ARF `abuse` report, as the mailbox simulator sends it. */
export function complaintRecord(mail: SesMail, recipients: string[], at: Date): SesEventRecord {
  return {
    eventType: 'Complaint',
    mail,
    complaint: {
      complainedRecipients: recipients.map((emailAddress) => ({ emailAddress })),
      timestamp: at.toISOString(),
      feedbackId: feedbackId(at),
      complaintSubType: null,
      userAgent: 'Amazon SES Mailbox Simulator',
      complaintFeedbackType: 'abuse',
      arrivalDate: mail.timestamp,
    },
  };
}

/** SES's feedback ids: `<16 hex digits>-<UUID>-000000`. */
function feedbackId(at: Date): string {
  return `${at.getTime().toString(16).padStart(16, '0')}-${randomUUID()}-000000`;
}

function cutHeaders(headers: readonly MailHeader[]): { headers: MailHeader[]; truncated: boolean } {
  const kept: MailHeader[] = [];
  let bytes = 0;
  for (const header of headers) {
    bytes += Buffer.byteLength(header.name) + Buffer.byteLength(header.value);
    if (bytes > MAX_HEADER_BYTES) return { headers: kept, truncated: true };
    kept.push(header);
  }
  return { headers: kept, truncated: false };
}
