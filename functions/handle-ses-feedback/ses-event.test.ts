import { describe, expect, it } from 'vitest';
import { FEEDBACK_FUNCTION_ATTRIBUTES } from '../../infra/model/index.ts';
import { parseSesEvent } from './ses-event.ts';
import { countOnlyRequest, suppressRequest } from './suppression-writes.ts';

const mail = { timestamp: '2026-12-06T20:00:00.000Z', messageId: 'ses-1', destination: ['x@simulator.amazonses.com'] };

function bounce(bounceType: string, bounceSubType: string, address = 'bounce@simulator.amazonses.com'): string {
  return JSON.stringify({
    eventType: 'Bounce',
    mail,
    bounce: { bounceType, bounceSubType, bouncedRecipients: [{ emailAddress: address, action: 'failed', status: '5.1.1' }] },
  });
}

describe('parseSesEvent', () => {
  it('suppresses the recipients of a permanent bounce, every subtype', () => {
    expect(parseSesEvent(bounce('Permanent', 'General'))).toEqual({
      kind: 'suppress', reason: 'Bounce', detail: 'Permanent/General', recipients: ['bounce@simulator.amazonses.com'], messageId: 'ses-1',
    });
    expect(parseSesEvent(bounce('Permanent', 'OnAccountSuppressionList', 'suppressionlist@simulator.amazonses.com'))).toMatchObject({
      kind: 'suppress', reason: 'Bounce', recipients: ['suppressionlist@simulator.amazonses.com'],
    });
  });

  it('only observes transient and undetermined bounces', () => {
    expect(parseSesEvent(bounce('Transient', 'MailboxFull'))).toEqual({
      kind: 'observe', eventType: 'Bounce', detail: 'Transient/MailboxFull', recipientCount: 1, messageId: 'ses-1',
    });
    expect(parseSesEvent(bounce('Undetermined', 'Undetermined')).kind).toBe('observe');
  });

  it('suppresses complainers', () => {
    const message = JSON.stringify({
      eventType: 'Complaint', mail,
      complaint: { complainedRecipients: [{ emailAddress: 'complaint@simulator.amazonses.com' }], complaintFeedbackType: 'abuse' },
    });
    expect(parseSesEvent(message)).toEqual({
      kind: 'suppress', reason: 'Complaint', detail: 'abuse', recipients: ['complaint@simulator.amazonses.com'], messageId: 'ses-1',
    });
    // The identity-notification shape (notificationType) carries the same object.
    expect(parseSesEvent(message.replace('"eventType"', '"notificationType"')).kind).toBe('suppress');
  });

  it('observes deliveries, rejects and other event types', () => {
    expect(parseSesEvent(JSON.stringify({ eventType: 'Delivery', mail, delivery: { recipients: ['a@b.example'] } }))).toEqual({
      kind: 'observe', eventType: 'Delivery', recipientCount: 1, messageId: 'ses-1',
    });
    expect(parseSesEvent(JSON.stringify({ eventType: 'Reject', mail, reject: { reason: 'Bad content' } }))).toEqual({
      kind: 'observe', eventType: 'Reject', detail: 'Bad content', recipientCount: 1, messageId: 'ses-1',
    });
    expect(parseSesEvent(JSON.stringify({ eventType: 'Send', mail, send: {} })).kind).toBe('observe');
  });

  it('refuses anything that is not an SES event record', () => {
    for (const message of [
      'not json',
      '[]',
      '"Bounce"',
      JSON.stringify({ mail }),
      JSON.stringify({ eventType: 'Bounce' }),
      JSON.stringify({ eventType: 'Bounce', mail }),
      JSON.stringify({ eventType: 'Bounce', mail, bounce: { bounceType: 'Permanent', bouncedRecipients: [] } }),
      JSON.stringify({ eventType: 'Bounce', mail, bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 42 }] } }),
      JSON.stringify({ eventType: 'Bounce', mail, bounce: { bouncedRecipients: [{ emailAddress: 'a@b.example' }] } }),
      JSON.stringify({ eventType: 'Complaint', mail, complaint: {} }),
    ]) {
      expect(parseSesEvent(message).kind, message).toBe('invalid');
    }
  });
});

describe('suppression writes', () => {
  const base = { tableName: 'T', mailbox: 'bounce@simulator.amazonses.com', at: '2026-12-06T20:00:00.000Z' };

  function namedAttributes(request: ReturnType<typeof suppressRequest>): string[] {
    const expression = `${request.UpdateExpression ?? ''} ${request.ConditionExpression ?? ''}`;
    const bare = expression.replace(/[#:]\w+/g, ' ').match(/[A-Za-z_]\w*/g) ?? [];
    const keywords = new Set(['SET', 'REMOVE', 'ADD', 'OR', 'AND', 'if_not_exists', 'attribute_not_exists']);
    return [...bare.filter((word) => !keywords.has(word)), ...Object.values(request.ExpressionAttributeNames ?? {})];
  }

  it('names only the attributes the IAM policy allows, on the SUPPRESSED# key', () => {
    const requests = [
      suppressRequest({ ...base, reason: 'Bounce', expiresAt: 1 }),
      suppressRequest({ ...base, reason: 'Complaint' }),
      countOnlyRequest({ ...base, reason: 'Bounce' }),
    ];
    for (const request of requests) {
      expect(request.Key).toEqual({ pk: { S: 'SUPPRESSED#bounce@simulator.amazonses.com' } });
      for (const name of namedAttributes(request)) expect(FEEDBACK_FUNCTION_ATTRIBUTES).toContain(name);
    }
  });

  it('gives a bounce an expiry and never downgrades a complaint; a complaint has none', () => {
    const bounceRequest = suppressRequest({ ...base, reason: 'Bounce', expiresAt: 1234 });
    expect(bounceRequest.ExpressionAttributeValues?.[':expiresAt']).toEqual({ N: '1234' });
    expect(bounceRequest.ConditionExpression).toContain('<> :complaint');
    expect(suppressRequest({ ...base, reason: 'Complaint' }).UpdateExpression).toContain('REMOVE expiresAt');
  });
});
