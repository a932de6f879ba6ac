import { describe, expect, it } from 'vitest';
import { readSendRequest } from './send-request.ts';

const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
const base64 = (text: string) => Buffer.from(text).toString('base64');

describe('readSendRequest', () => {
  it('reads SES v1 SendEmail: recipients, configuration set, tags, and the headers SES composes', () => {
    const send = readSendRequest(
      'POST',
      '/',
      form({
        Action: 'SendEmail',
        Source: 'Acme <no-reply@acme.example>',
        'Destination.ToAddresses.member.1': 'Ana <ana@example.com>',
        'Destination.ToAddresses.member.2': 'bo@example.com',
        'Destination.BccAddresses.member.1': 'audit@acme.example',
        'Message.Subject.Data': '123456 is your code',
        'Message.Body.Text.Data': 'text',
        ConfigurationSetName: 'otp',
        'Tags.member.1.Name': 'flow',
        'Tags.member.1.Value': 'login',
      }),
    );
    expect(send).toEqual({
      api: 'v1',
      source: 'Acme <no-reply@acme.example>',
      destination: ['ana@example.com', 'bo@example.com', 'audit@acme.example'],
      configurationSetName: 'otp',
      tags: { flow: ['login'] },
      headers: [
        { name: 'From', value: 'Acme <no-reply@acme.example>' },
        { name: 'To', value: 'Ana <ana@example.com>, bo@example.com' },
        { name: 'Subject', value: '123456 is your code' },
        { name: 'MIME-Version', value: '1.0' },
        { name: 'Content-Type', value: 'text/plain; charset=UTF-8' },
      ],
      subject: '123456 is your code',
    });
  });

  it("reads SES v1 SendRawEmail: the raw message's headers (folded ones unfolded), X-SES-CONFIGURATION-SET and X-SES-MESSAGE-TAGS", () => {
    const raw = [
      'From: Acme <no-reply@acme.example>',
      'To: bounce+t1@simulator.amazonses.com,',
      ' Ana <ana@example.com>',
      'Subject: Hello',
      'Message-ID: <abc@acme.example>',
      'X-SES-CONFIGURATION-SET: from-header',
      'X-SES-MESSAGE-TAGS: flow=login, locale=de',
      '',
      'Body: not a header',
    ].join('\r\n');
    const send = readSendRequest('POST', '/', form({ Action: 'SendRawEmail', 'RawMessage.Data': base64(raw) }));
    expect(send).toMatchObject({
      api: 'v1',
      source: 'Acme <no-reply@acme.example>',
      destination: ['bounce+t1@simulator.amazonses.com', 'ana@example.com'],
      configurationSetName: 'from-header',
      tags: { flow: ['login'], locale: ['de'] },
      subject: 'Hello',
      messageIdHeader: '<abc@acme.example>',
    });
    expect(send?.headers.map((header) => header.name)).toEqual(['From', 'To', 'Subject', 'Message-ID', 'X-SES-CONFIGURATION-SET', 'X-SES-MESSAGE-TAGS']);
    expect(send?.headers[1]?.value).toBe('bounce+t1@simulator.amazonses.com, Ana <ana@example.com>');
    // The parameter wins over the header; Destinations win over the message's own recipients.
    const explicit = readSendRequest('POST', '/', form({ Action: 'SendRawEmail', 'RawMessage.Data': base64(raw), ConfigurationSetName: 'param', 'Destinations.member.1': 'c@example.com' }));
    expect(explicit).toMatchObject({ configurationSetName: 'param', destination: ['c@example.com'] });
  });

  it('reads SES v2 SendEmail with Simple and Raw content', () => {
    const simple = readSendRequest(
      'POST',
      '/v2/email/outbound-emails',
      JSON.stringify({
        FromEmailAddress: 'no-reply@acme.example',
        Destination: { ToAddresses: ['complaint@simulator.amazonses.com'], CcAddresses: ['cc@example.com'] },
        ConfigurationSetName: 'otp',
        EmailTags: [{ Name: 'flow', Value: 'login' }],
        Content: { Simple: { Subject: { Data: 'S' }, Body: { Html: { Data: '<p>h</p>' }, Text: { Data: 't' } } } },
      }),
    );
    expect(simple).toMatchObject({
      api: 'v2',
      source: 'no-reply@acme.example',
      destination: ['complaint@simulator.amazonses.com', 'cc@example.com'],
      configurationSetName: 'otp',
      tags: { flow: ['login'] },
      subject: 'S',
    });
    expect(simple?.headers).toContainEqual({ name: 'Content-Type', value: 'multipart/alternative' });
    const raw = readSendRequest('POST', '/v2/email/outbound-emails', JSON.stringify({ Content: { Raw: { Data: base64('From: a@acme.example\r\nTo: b@example.com\r\n\r\nx') } } }));
    expect(raw).toMatchObject({ api: 'v2', source: 'a@acme.example', destination: ['b@example.com'] });
    expect(raw?.configurationSetName).toBeUndefined();
  });

  it('is undefined for requests that are not sends', () => {
    expect(readSendRequest('GET', '/store', '')).toBeUndefined();
    expect(readSendRequest('POST', '/', form({ Action: 'VerifyEmailIdentity' }))).toBeUndefined();
    expect(readSendRequest('POST', '/v2/email/templates', '{}')).toBeUndefined();
    expect(readSendRequest('POST', '/v2/email/outbound-emails', 'not json')).toBeUndefined();
  });
});
