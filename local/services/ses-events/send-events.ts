/**
 * The events one accepted send produces, by what the mailbox simulator does with each recipient (mailbox-simulator.ts):
 * always a Send; a Delivery for the recipients that received it; a Bounce for bounce@ recipients and another (subtype
 * OnAccountSuppressionList) for suppressionlist@ ones; a Complaint for complaint@ ones, after their Delivery. One
 * record per kind and send, listing its recipients (ours: SES may split them by receiving domain).
 */
import { recipientOutcome, type RecipientOutcome } from './mailbox-simulator.ts';
import { bounceRecord, complaintRecord, deliveryRecord, sendRecord, suppressedRecord, type SesEventRecord, type SesMail } from './event-records.ts';

/** In the order SES emits them. `at` is when the receiving side answered (a little after the send). */
export function eventsForSend(mail: SesMail, at: Date): SesEventRecord[] {
  const byOutcome = new Map<RecipientOutcome, string[]>();
  for (const address of mail.destination) {
    const outcome = recipientOutcome(address);
    byOutcome.set(outcome, [...(byOutcome.get(outcome) ?? []), address]);
  }
  const recipients = (...outcomes: RecipientOutcome[]) => outcomes.flatMap((outcome) => byOutcome.get(outcome) ?? []);
  const delivered = recipients('delivered', 'auto-replied', 'complained');
  const bounced = recipients('bounced');
  const suppressed = recipients('suppressed');
  const complained = recipients('complained');
  return [
    sendRecord(mail),
    ...(delivered.length > 0 ? [deliveryRecord(mail, delivered, at)] : []),
    ...(bounced.length > 0 ? [bounceRecord(mail, bounced, at)] : []),
    ...(suppressed.length > 0 ? [suppressedRecord(mail, suppressed, at)] : []),
    ...(complained.length > 0 ? [complaintRecord(mail, complained, at)] : []),
  ];
}
