import type { SuppressionReason } from '../../infra/model/index.ts';

/**
 * What one SES event record (SES's event publishing JSON, delivered as an SNS message's `Message`) asks of us:
 * - `suppress`: a permanent bounce (`bounceType: Permanent`, every subtype, `OnAccountSuppressionList` included) or
 *   a complaint: the recipients' mailboxes must not be mailed again;
 * - `observe`: an event that is only logged and counted (Delivery, Reject, a transient or undetermined bounce, Send,
 *   DeliveryDelay, …);
 * - `invalid`: not an SES event record (malformed JSON, no `eventType`/`mail`, a bounce or complaint without its
 *   recipients): logged and dropped, never retried.
 */
export type SesFeedback =
  | { kind: 'suppress'; reason: SuppressionReason; detail?: string; recipients: string[]; messageId?: string }
  | { kind: 'observe'; eventType: string; detail?: string; recipientCount: number; messageId?: string }
  | { kind: 'invalid'; problem: string };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function addresses(list: unknown): string[] | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const found: string[] = [];
  for (const entry of list) {
    const address = isObject(entry) ? entry.emailAddress : undefined;
    if (typeof address !== 'string' || !address.includes('@')) return undefined;
    found.push(address);
  }
  return found;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * Reads one SES event record. Accepts SES's event publishing shape (`eventType`) and, for an identity's feedback
 * notifications, the older `notificationType` shape, which carries the same `bounce` / `complaint` objects.
 *
 * @example
 * parseSesEvent(snsRecord.Sns.Message) // { kind: 'suppress', reason: 'Bounce', detail: 'General', recipients: ['bounce@simulator.amazonses.com'] }
 */
export function parseSesEvent(message: string): SesFeedback {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return { kind: 'invalid', problem: 'not JSON' };
  }
  if (!isObject(parsed)) return { kind: 'invalid', problem: 'not an object' };
  const eventType = text(parsed.eventType) ?? text(parsed.notificationType);
  if (!eventType) return { kind: 'invalid', problem: 'no eventType' };
  if (!isObject(parsed.mail)) return { kind: 'invalid', problem: 'no mail object' };
  const messageId = text(parsed.mail.messageId);
  const destination = Array.isArray(parsed.mail.destination) ? parsed.mail.destination.length : 0;

  if (eventType === 'Bounce') {
    const bounce = parsed.bounce;
    if (!isObject(bounce)) return { kind: 'invalid', problem: 'Bounce without bounce object' };
    const recipients = addresses(bounce.bouncedRecipients);
    const bounceType = text(bounce.bounceType);
    if (!recipients || !bounceType) return { kind: 'invalid', problem: 'Bounce without bounceType or recipients' };
    const detail = `${bounceType}/${text(bounce.bounceSubType) ?? 'Unknown'}`;
    if (bounceType === 'Permanent') return { kind: 'suppress', reason: 'Bounce', detail, recipients, messageId };
    return { kind: 'observe', eventType, detail, recipientCount: recipients.length, messageId };
  }
  if (eventType === 'Complaint') {
    const complaint = parsed.complaint;
    if (!isObject(complaint)) return { kind: 'invalid', problem: 'Complaint without complaint object' };
    const recipients = addresses(complaint.complainedRecipients);
    if (!recipients) return { kind: 'invalid', problem: 'Complaint without recipients' };
    const detail = text(complaint.complaintFeedbackType) ?? text(complaint.complaintSubType);
    return { kind: 'suppress', reason: 'Complaint', detail, recipients, messageId };
  }
  if (eventType === 'Delivery' && isObject(parsed.delivery) && Array.isArray(parsed.delivery.recipients)) {
    return { kind: 'observe', eventType, recipientCount: parsed.delivery.recipients.length, messageId };
  }
  if (eventType === 'Reject' && isObject(parsed.reject)) {
    return { kind: 'observe', eventType, detail: text(parsed.reject.reason), recipientCount: destination, messageId };
  }
  return { kind: 'observe', eventType, recipientCount: destination, messageId };
}
