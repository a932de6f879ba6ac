import { describe, expect, it } from 'vitest';
import { mailObject } from './event-records.ts';
import { recipientOutcome } from './mailbox-simulator.ts';
import type { SesSendRequest } from './send-request.ts';
import { eventsForSend } from './send-events.ts';

const SIM = 'simulator.amazonses.com';

describe("the mailbox simulator's addresses", () => {
  it('decide each recipient as SES documents, labels included, any other address delivered', () => {
    expect(recipientOutcome(`success@${SIM}`)).toBe('delivered');
    expect(recipientOutcome(`bounce@${SIM}`)).toBe('bounced');
    expect(recipientOutcome(`bounce+label1@${SIM}`)).toBe('bounced');
    expect(recipientOutcome(`Complaint+x@SIMULATOR.amazonses.com`)).toBe('complained');
    expect(recipientOutcome(`ooto@${SIM}`)).toBe('auto-replied');
    expect(recipientOutcome(`suppressionlist@${SIM}`)).toBe('suppressed');
    expect(recipientOutcome('bounce@example.com')).toBe('delivered');
    expect(recipientOutcome(`nobody@${SIM}`)).toBe('delivered');
  });
});

describe('eventsForSend', () => {
  const send = (destination: string[]): SesSendRequest => ({ api: 'v1', source: 'no-reply@acme.example', destination, configurationSetName: 'otp', tags: {}, headers: [] });
  const mail = (destination: string[]) =>
    mailObject(send(destination), { region: 'eu-west-1', accountId: '000000000000', messageId: 'm-1', acceptedAt: new Date('2025-01-01T00:00:00.000Z') });
  const at = new Date('2025-01-01T00:00:00.250Z');
  const types = (destination: string[]) => eventsForSend(mail(destination), at).map((record) => record.eventType);

  it('gives each simulator address its events, in the order SES emits them', () => {
    expect(types([`success@${SIM}`])).toEqual(['Send', 'Delivery']);
    expect(types(['ana@example.com'])).toEqual(['Send', 'Delivery']);
    expect(types([`bounce@${SIM}`])).toEqual(['Send', 'Bounce']);
    expect(types([`ooto@${SIM}`])).toEqual(['Send', 'Delivery']);
    expect(types([`complaint@${SIM}`])).toEqual(['Send', 'Delivery', 'Complaint']);
    expect(types([`suppressionlist@${SIM}`])).toEqual(['Send', 'Bounce']);
  });

  it('lists the right recipients in each record of a send to several', () => {
    const records = eventsForSend(mail([`bounce@${SIM}`, 'ana@example.com', `suppressionlist@${SIM}`, `complaint@${SIM}`]), at);
    expect(records.map((record) => record.eventType)).toEqual(['Send', 'Delivery', 'Bounce', 'Bounce', 'Complaint']);
    expect(records[1]).toMatchObject({ delivery: { recipients: ['ana@example.com', `complaint@${SIM}`], processingTimeMillis: 250, smtpResponse: '250 2.6.0 Message received' } });
    expect(records[2]).toMatchObject({ bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: `bounce@${SIM}`, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }] } });
    expect(records[3]).toMatchObject({ bounce: { bounceType: 'Permanent', bounceSubType: 'OnAccountSuppressionList', bouncedRecipients: [{ emailAddress: `suppressionlist@${SIM}` }] } });
    expect(records[4]).toMatchObject({ complaint: { complainedRecipients: [{ emailAddress: `complaint@${SIM}` }], complaintFeedbackType: 'abuse', complaintSubType: null } });
  });

  it("builds SES's mail object: identity ARN, account, tags with the configuration set", () => {
    expect(mail(['ana@example.com'])).toEqual({
      timestamp: '2025-01-01T00:00:00.000Z',
      source: 'no-reply@acme.example',
      sourceArn: 'arn:aws:ses:eu-west-1:000000000000:identity/no-reply@acme.example',
      sendingAccountId: '000000000000',
      messageId: 'm-1',
      destination: ['ana@example.com'],
      headersTruncated: false,
      headers: [],
      commonHeaders: { from: ['no-reply@acme.example'], messageId: 'm-1' },
      tags: { 'ses:configuration-set': ['otp'], 'ses:source-ip': ['127.0.0.1'], 'ses:from-domain': ['acme.example'] },
    });
  });
});
